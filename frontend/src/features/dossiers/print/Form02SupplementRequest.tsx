import { eventMissingDocuments, lastEvent, missingWithCounts } from '../lifecycle';
import { ApplicantLines, FormHead, Line, NotApplicable, ReceivedOnLine, Signatures, type FormProps } from './FormParts';

/** Form 02: the documents to supplement, with the counts the checklist asks for, and why. */
export function Form02SupplementRequest({ dossier, events, unit, qr, t }: FormProps) {
  const event = lastEvent(events, 'request_supplement');
  if (!event) return <NotApplicable t={t} />;
  const rows = missingWithCounts(eventMissingDocuments(event), dossier.documents);
  return (
    <div className="print-sheet">
      <FormHead form="02" dossier={dossier} unit={unit} qr={qr} t={t} at={event.at} />
      <ReceivedOnLine dossier={dossier} unit={unit} t={t} />
      <ApplicantLines dossier={dossier} t={t} />
      <p className="form-line">{t('print.supplementLead')}</p>
      <table className="form-table">
        <thead>
          <tr>
            <th className="col-no">{t('print.no')}</th>
            <th>{t('print.docNeeded')}</th>
            <th className="col-n">{t('print.originals')}</th>
            <th className="col-n">{t('print.copies')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="col-no">{i + 1}</td>
              <td>{r.name}</td>
              <td className="col-n">{r.originals ?? '—'}</td>
              <td className="col-n">{r.copies ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Line label={t('print.reason')}>{event.note || '—'}</Line>
      <p className="form-line">
        {t('print.contact', { name: event.actor?.full_name ?? dossier.received_by.full_name, center: unit.name })}
      </p>
      <Signatures t={t} right={{ title: t('print.signGuide'), name: event.actor?.full_name }} />
    </div>
  );
}
