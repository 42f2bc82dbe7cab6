import { eventMissingDocuments, lastEvent } from '../lifecycle';
import { ApplicantLines, FormHead, NotApplicable, ReceivedOnLine, Signatures, type FormProps } from './FormParts';

/** Form 03: the refusal to receive the dossier, its reason and the mandatory documents missing. */
export function Form03Refusal({ dossier, events, unit, qr, t }: FormProps) {
  const event = lastEvent(events, 'refuse_at_reception');
  if (!event) return <NotApplicable t={t} />;
  const missing = eventMissingDocuments(event);
  return (
    <div className="print-sheet">
      <FormHead form="03" dossier={dossier} unit={unit} qr={qr} t={t} at={event.at} />
      <ReceivedOnLine dossier={dossier} unit={unit} t={t} />
      <ApplicantLines dossier={dossier} t={t} />
      <p className="form-line">{t('print.refusalLead')}</p>
      <p className="form-reason">{event.note || '—'}</p>
      {missing.length > 0 && (
        <>
          <p className="form-line form-label">{t('print.missingDocs')}:</p>
          <ol className="form-list">
            {missing.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ol>
        </>
      )}
      <p className="form-line">{t('print.refusalEnd')}</p>
      <Signatures t={t} right={{ title: t('print.signReceiver'), name: event.actor?.full_name }} />
    </div>
  );
}
