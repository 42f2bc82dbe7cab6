import { formatDateTime } from '../../../lib/format';
import { dueBefore, lastEvent } from '../lifecycle';
import { ApplicantLines, FormHead, Line, NotApplicable, ReceivedOnLine, Signatures, type FormProps } from './FormParts';

/** Form 04: the apology for a late result, with the old appointment and the new one. */
export function Form04Apology({ dossier, events, unit, qr, t }: FormProps) {
  const event = lastEvent(events, 'extend');
  if (!event) return <NotApplicable t={t} />;
  const oldDue = dueBefore(events, event.seq, dossier.original_due_at);
  const newDue = typeof event.data.due_at === 'string' ? event.data.due_at : dossier.due_at;
  return (
    <div className="print-sheet">
      <FormHead form="04" dossier={dossier} unit={unit} qr={qr} t={t} at={event.at} />
      <ReceivedOnLine dossier={dossier} unit={unit} t={t} />
      <ApplicantLines dossier={dossier} t={t} />
      <Line label={t('print.oldDue')}>
        <strong>{oldDue ? formatDateTime(oldDue) : '—'}</strong>
      </Line>
      <p className="form-line">{t('print.apologyLead')}</p>
      <Line label={t('print.reason')}>{event.note || '—'}</Line>
      <p className="form-line">{t('print.apologyText')}</p>
      <Line label={t('print.newDue')}>
        <strong>{newDue ? formatDateTime(newDue) : '—'}</strong>
      </Line>
      <p className="form-line">{t('print.apologyEnd')}</p>
      <Signatures t={t} right={{ title: t('print.signLeader'), name: event.actor?.full_name }} />
    </div>
  );
}
