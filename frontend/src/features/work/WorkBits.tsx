import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Remaining, WorkCounts, WorkItem } from '../../api/types';
import { formatDateTime, localText } from '../../lib/format';
import { StatusTag } from '../dossiers/DossierBits';
import { WORK_TABS, workTone, type WorkTab } from './work';

/** The time left on a step: red when late, amber when due soon, grey and italic while paused. */
export function StepRemaining({ remaining, paused }: { remaining: Remaining | null; paused: boolean }) {
  const { t, i18n } = useTranslation();
  const tone = workTone({ remaining, is_paused: paused });
  if (tone === 'paused') return <span className="remaining remaining-paused">⏸ {t('work.paused')}</span>;
  if (!remaining) return <span className="muted">—</span>;
  return (
    <span className={`remaining${tone ? ` remaining-${tone}` : ''}`}>
      {tone === 'overdue' && <span aria-hidden="true">⚠ </span>}
      {localText(remaining, i18n.language)}
    </span>
  );
}

/**
 * Dossier steps as a table (a card per row on a phone): dossier, step, step due with the time left, the
 * dossier's appointment, and an optional action per row.
 */
export function WorkTable({
  items,
  caption,
  showHolder = false,
  action,
}: {
  items: WorkItem[];
  caption: string;
  showHolder?: boolean;
  action?: (item: WorkItem) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="data-table stack-table work-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('work.dossier')}</th>
          <th scope="col">{t('work.step')}</th>
          <th scope="col">{t('work.stepDue')}</th>
          <th scope="col">{t('work.dossierDue')}</th>
          {action && (
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((w) => {
          const tone = workTone(w);
          return (
            <tr key={w.step_id} className={tone ? `row-${tone}` : undefined}>
              <td data-label={t('work.dossier')} className="work-dossier">
                <Link to={`/console/ho-so/${w.dossier_id}`} className="code">
                  {w.dossier_code}
                </Link>
                <div>{w.applicant_name}</div>
                <div className="muted small clamp-2" title={w.procedure_name}>
                  {w.procedure_name}
                </div>
              </td>
              <td data-label={t('work.step')}>
                <strong>{w.step_name}</strong>
                <div>
                  <StatusTag status={w.status} />
                </div>
                {showHolder && (
                  <div className="muted small">
                    {t('work.holder')}: {w.assignee?.full_name ?? t('dossier.noAssignee')}
                  </div>
                )}
              </td>
              <td data-label={t('work.stepDue')} className="work-due">
                <div className="code nowrap">{w.step_due_at ? formatDateTime(w.step_due_at) : t('work.noDue')}</div>
                <StepRemaining remaining={w.remaining} paused={w.is_paused} />
              </td>
              <td data-label={t('work.dossierDue')}>
                <span className="code nowrap">{w.dossier_due_at ? formatDateTime(w.dossier_due_at) : '—'}</span>
              </td>
              {action && <td className="actions">{action(w)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** All / Due soon / Overdue, each with its count (once known), as toggle buttons. */
export function WorkTabs({ tab, counts, onTab }: { tab: WorkTab; counts: WorkCounts | undefined; onTab: (tab: WorkTab) => void }) {
  const { t } = useTranslation();
  const countOf = (k: WorkTab) => (counts ? (k === 'all' ? counts.open : counts[k]) : null);
  return (
    <div className="work-tabs" role="group" aria-label={t('work.tabs')}>
      {WORK_TABS.map((k) => {
        const n = countOf(k);
        return (
          <button key={k} type="button" className={`work-tab work-tab-${k}`} aria-pressed={tab === k} onClick={() => onTab(k)}>
            {t(`work.tab.${k}`)}
            {n !== null && <span className={`count-pill${k !== 'all' && n > 0 ? ` count-${k}` : ''}`}>{n}</span>}
          </button>
        );
      })}
    </div>
  );
}
