import { useTranslation } from '../../../i18n';
import type { DossierRead } from '../../../api/types';
import { formatDate, formatDateTime, formatVnd } from '../../../lib/format';
import { Fact } from './Fact';

/** `received`: false for a submission registered online or by post that the center has not received. */
export function DossierFacts({ dossier: d, received }: { dossier: DossierRead; received: boolean }) {
  const { t } = useTranslation();
  const channel = (['in_person', 'online', 'postal'] as const)[d.channel - 1];
  return (
    <dl className="facts">
      <Fact label={t('dossier.procedure')}>
        {d.procedure_name} <span className="muted code">({d.procedure_code})</span>
      </Fact>
      <Fact label={t('dossier.channel')}>{t(`channels.${channel}`)}</Fact>
      <Fact label={received ? t('dossier.receivedAt') : t('dossier.submittedAt')}>
        <span className="code">{formatDateTime(d.received_at)}</span>
      </Fact>
      <Fact label={received ? t('dossier.receivedBy') : t('dossier.registeredBy')}>{d.received_by.full_name}</Fact>
      <Fact label={t('dossier.duration')}>{d.duration_text || t('intake.noTime')}</Fact>
      {d.original_due_at && (
        <Fact label={t('dossier.originalDueAt')}>
          <span className="code">{formatDateTime(d.original_due_at)}</span>
        </Fact>
      )}
      <Fact label={t('dossier.sets')}>{d.sets_count}</Fact>
      <Fact label={t('dossier.fees')}>
        {d.fees.length === 0
          ? '—'
          : d.fees.map((f, i) => (
              <div key={i}>
                {f.description}: <strong>{f.amount_vnd === 0 ? t('fees.free') : formatVnd(f.amount_vnd)}</strong>
              </div>
            ))}
      </Fact>
      <Fact label={t('dossier.delivery')}>
        {t(`delivery.${d.delivery}`)}
        {d.delivery === 'post' && d.delivery_address && <div className="small">{d.delivery_address}</div>}
      </Fact>
      {d.note && <Fact label={t('dossier.note')}>{d.note}</Fact>}
      {d.approved_at && (
        <Fact label={t('dossier.approvedAt')}>
          <span className="code">{formatDateTime(d.approved_at)}</span>
        </Fact>
      )}
      {d.result_number && (
        <Fact label={t('dossier.result')}>
          {d.result_number}
          {d.result_date && <> · {formatDate(d.result_date)}</>}
        </Fact>
      )}
      {d.outcome && <Fact label={t('dossier.outcome')}>{t(`outcome.${d.outcome}`, { defaultValue: d.outcome })}</Fact>}
      {d.finished_at && (
        <Fact label={t('dossier.finishedAt')}>
          <span className="code">{formatDateTime(d.finished_at)}</span>
        </Fact>
      )}
      {d.returned_at && (
        <Fact label={t('dossier.returnedAt')}>
          <span className="code">{formatDateTime(d.returned_at)}</span>
        </Fact>
      )}
      <Fact label={t('dossier.publicLink')}>
        <a href={d.public_url} target="_blank" rel="noreferrer" className="public-link">
          {t('detail.openPublic')}
        </a>
        <span className="muted small"> · {t('detail.lookups', { count: d.lookup_count })}</span>
      </Fact>
    </dl>
  );
}
