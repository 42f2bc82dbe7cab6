import { useTranslation } from '../../../i18n';
import type { DossierEvent } from '../../../api/types';
import { formatDate, formatDateTime, formatVnd } from '../../../lib/format';

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** `{id, full_name}` recorded in an event's data, as a name. */
function person(value: unknown): string | null {
  return typeof value === 'object' && value !== null ? str((value as { full_name?: unknown }).full_name) : null;
}

/** Events that change who holds the current step (assignment), recorded with `step`, `from` and `to`. */
const HAND_OVERS = new Set(['assign', 'claim', 'release', 'reassign_absence']);

/** Every event, oldest first, with what it changed. */
export function EventTimeline({ events }: { events: DossierEvent[] }) {
  const { t } = useTranslation();
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  if (sorted.length === 0) return <p className="muted">—</p>;
  return (
    <ol className="timeline event-timeline">
      {sorted.map((e) => {
        const data = e.data;
        const missing = Array.isArray(data.missing_documents) ? (data.missing_documents as unknown[]).map(String) : [];
        return (
          <li key={e.seq} className="timeline-event">
            <span className="timeline-dot" aria-hidden="true" />
            <div className="event-head">
              <strong>{t(`events.${e.action}`, { defaultValue: e.action })}</strong>
              <span className="muted small">
                {e.from_status !== null && e.from_status !== e.to_status && <>{t(`status.${e.from_status}`)} → </>}
                {e.from_status !== e.to_status && t(`status.${e.to_status}`)}
              </span>
            </div>
            <div className="small muted">
              <span className="code">{formatDateTime(e.at)}</span> · {e.actor?.full_name ?? t('detail.system')}
            </div>
            <ul className="event-data small">
              {e.action === 'forward' && (str(data.to_step) ?? str(data.step)) && (
                <li>{t('detail.toStep', { step: str(data.to_step) ?? str(data.step) })}</li>
              )}
              {e.action === 'forward' && person(data.assignee) && (
                <li>
                  {t('assign.staff')}: {person(data.assignee)}
                </li>
              )}
              {HAND_OVERS.has(e.action) && (
                <li>
                  {t('detail.handOver', {
                    step: str(data.step) ?? '',
                    from: person(data.from) ?? t('detail.pool'),
                    to: person(data.to) ?? t('detail.pool'),
                  })}
                </li>
              )}
              {missing.length > 0 && (
                <li>
                  {/* Asked for (a supplement request), or found missing at registration or at reception. */}
                  {e.action === 'request_supplement' ? t('detail.missingList') : t('detail.missingFound')}:{' '}
                  {missing.join('; ')}
                </li>
              )}
              {typeof data.amount_vnd === 'number' && <li>{t('detail.amount', { amount: formatVnd(data.amount_vnd) })}</li>}
              {typeof data.paused_working_minutes === 'number' && (
                <li>{t('detail.pausedMinutes', { count: data.paused_working_minutes })}</li>
              )}
              {str(data.due_at) && <li>{t('detail.dueChanged', { date: formatDateTime(String(data.due_at)) })}</li>}
              {str(data.result_number) && (
                <li>
                  {t('detail.resultNumber', {
                    number: data.result_number,
                    date: str(data.result_date) ? formatDate(String(data.result_date)) : '',
                  })}
                </li>
              )}
              {str(data.collected_by) && (
                <li>
                  {t('detail.collected', { name: data.collected_by, relation: str(data.relation) ?? '' })}
                  {data.id_checked === true && <> · {t('detail.idChecked')}</>}
                </li>
              )}
              {str(data.tracking_number) && <li>{t('detail.tracking', { number: data.tracking_number })}</li>}
            </ul>
            {e.note && <p className="event-note">{e.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
