import { formatDateTime, formatVnd } from '../../../lib/format';
import { wasReceived } from '../lifecycle';
import { ApplicantLines, FormHead, NotApplicable, Signatures, type FormProps } from './FormParts';
import { deliveryText } from './formText';

/** Form 01, the receipt: two copies on one A4 sheet (the applicant's and the one kept), with a cut line. */
export function Form01Receipt(props: FormProps) {
  const { t } = props;
  // No receipt before the center received the dossier (an online or postal submission waiting, or refused).
  if (!wasReceived(props.dossier, props.events)) return <NotApplicable t={t} />;
  return (
    <div className="print-sheet receipt-sheet">
      <ReceiptCopy {...props} copy={`${t('print.copyApplicant')} · ${t('print.trackHint')}`} />
      <div className="cut-line" aria-hidden="true">
        <span>✂ {t('print.cut')}</span>
      </div>
      <ReceiptCopy {...props} copy={t('print.copyKept')} />
    </div>
  );
}

function ReceiptCopy({ dossier, unit, qr, t, copy }: FormProps & { copy: string }) {
  const received = dossier.documents.filter((d) => d.originals + d.copies > 0);
  return (
    <section className={`receipt-copy${received.length > 5 ? ' dense' : ''}`} aria-label={copy}>
      <FormHead form="01" dossier={dossier} unit={unit} qr={qr} t={t} at={dossier.received_at} copy={copy} />
      <p className="form-line">{t('print.receivedFrom', { center: unit.name })}</p>
      <ApplicantLines dossier={dossier} t={t} />
      <p className="form-line form-label">1. {t('print.documents')}:</p>
      <table className="form-table">
        <thead>
          <tr>
            <th className="col-no">{t('print.no')}</th>
            <th>{t('print.docName')}</th>
            <th className="col-n">{t('print.originals')}</th>
            <th className="col-n">{t('print.copies')}</th>
          </tr>
        </thead>
        <tbody>
          {received.length === 0 ? (
            <tr>
              <td colSpan={4}>—</td>
            </tr>
          ) : (
            received.map((d, i) => (
              <tr key={d.index}>
                <td className="col-no">{i + 1}</td>
                <td>{d.name}</td>
                <td className="col-n">{d.originals}</td>
                <td className="col-n">{d.copies}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <div className="form-items">
        <p className="form-line">
          2. <span className="form-label">{t('print.sets')}:</span> {dossier.sets_count}
        </p>
        <p className="form-line">
          3. <span className="form-label">{t('print.legalTime')}:</span> {dossier.duration_text || t('print.noTime')}
        </p>
        <p className="form-line">
          4. <span className="form-label">{t('print.receivedAt')}:</span>{' '}
          <strong>{formatDateTime(dossier.received_at)}</strong>
        </p>
        <p className="form-line">
          5. <span className="form-label">{t('print.returnAt')}:</span>{' '}
          <strong>{dossier.due_at ? formatDateTime(dossier.due_at) : t('print.noTime')}</strong>
        </p>
        <p className="form-line">
          6. <span className="form-label">{t('print.delivery')}:</span> {deliveryText(dossier, unit, t)}
        </p>
        <p className="form-line">
          7. <span className="form-label">{t('print.fees')}:</span>{' '}
          {dossier.fees.length === 0
            ? t('print.noFees')
            : dossier.fees
                .map((f) => `${f.description}: ${f.amount_vnd === 0 ? t('fees.free') : formatVnd(f.amount_vnd)}`)
                .join('; ')}
        </p>
      </div>
      <Signatures
        t={t}
        left={{ title: t('print.signApplicant'), name: dossier.applicant.full_name }}
        right={{ title: t('print.signReceiver'), name: dossier.received_by.full_name }}
      />
    </section>
  );
}
