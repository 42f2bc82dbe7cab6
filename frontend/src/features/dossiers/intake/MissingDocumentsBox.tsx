import type { RefObject } from 'react';
import { useTranslation } from '../../../i18n';
import { Field } from '../../../components/Field';
import { BusyButton } from '../../../components/SubmitButton';
import type { IntakeForm } from './useIntake';

/**
 * Mandatory documents are missing (the server's 409 lists them): request them (form 02), or refuse to
 * receive the dossier with a reason (form 03), or go back to the checklist.
 */
export function MissingDocumentsBox({
  form,
  missing,
  boxRef,
}: {
  form: IntakeForm;
  missing: string[];
  boxRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const { receive } = form;
  return (
    <div className="card missing-box" role="alert" ref={boxRef} tabIndex={-1}>
      <h2>{t('intake.missingTitle')}</h2>
      <p>{t('intake.missingLead')}</p>
      <ul>
        {missing.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
      <Field label={t('intake.reason')} hint={t('intake.reasonHint')} error={form.reasonError}>
        <textarea rows={2} maxLength={2000} value={form.reason} onChange={(e) => form.setReason(e.target.value)} />
      </Field>
      <div className="form-actions">
        <BusyButton
          type="button"
          className="btn btn-primary"
          busy={receive.isPending && receive.variables?.body.if_incomplete === 'request_supplement'}
          disabled={receive.isPending}
          onClick={form.requestSupplement}
        >
          {t('intake.requestSupplement')}
        </BusyButton>
        <BusyButton
          type="button"
          className="btn btn-danger"
          busy={receive.isPending && receive.variables?.body.if_incomplete === 'refuse'}
          disabled={receive.isPending}
          onClick={form.refuse}
        >
          {t('intake.refuse')}
        </BusyButton>
        <button type="button" className="btn btn-ghost" onClick={form.backToChecklist}>
          {t('intake.backToChecklist')}
        </button>
      </div>
    </div>
  );
}
