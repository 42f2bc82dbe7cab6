import { formatDateTime } from '../../../lib/format';
import { lastEvent } from '../lifecycle';
import { ApplicantLines, FormHead, Line, NotApplicable, ReceivedOnLine, Signatures, type FormProps } from './FormParts';

/** Form 05: the notice that processing stopped, when and why. */
export function Form05StopNotice({ dossier, events, unit, qr, t }: FormProps) {
  const event = lastEvent(events, 'stop');
  if (!event) return <NotApplicable t={t} />;
  return (
    <div className="print-sheet">
      <FormHead form="05" dossier={dossier} unit={unit} qr={qr} t={t} at={event.at} />
      <ReceivedOnLine dossier={dossier} unit={unit} t={t} />
      <ApplicantLines dossier={dossier} t={t} />
      <p className="form-line">{t('print.stopLead', { time: formatDateTime(event.at) })}</p>
      <Line label={t('print.reason')}>{event.note || '—'}</Line>
      <p className="form-line">{t('print.stopEnd')}</p>
      <Signatures t={t} right={{ title: t('print.signLeader'), name: event.actor?.full_name }} />
    </div>
  );
}
