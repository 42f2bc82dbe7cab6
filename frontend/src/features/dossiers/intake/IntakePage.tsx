import { useRef } from 'react';
import { useTranslation } from '../../../i18n';
import { ApiError, errorDetails } from '../../../api/errors';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { BusyButton } from '../../../components/SubmitButton';
import { RequireRole } from '../../auth/RequireAuth';
import './intake.css';
import { AppointmentSection } from './AppointmentSection';
import { ApplicantSection } from './ApplicantSection';
import { ChecklistSection } from './ChecklistSection';
import { DetailsSection } from './DetailsSection';
import { MissingDocumentsBox } from './MissingDocumentsBox';
import { ProcedureSection } from './ProcedureSection';
import { useIntake } from './useIntake';

/** `/console/tiep-nhan`: receiving a dossier at the counter, step by step, then printing what it produced. */
export default function IntakePage() {
  return (
    <RequireRole roles={['receptionist']}>
      <Intake />
    </RequireRole>
  );
}

function Intake() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const checklistRef = useRef<HTMLHeadingElement>(null);
  const missingRef = useRef<HTMLDivElement>(null);
  const form = useIntake({ form: formRef, checklist: checklistRef, missing: missingRef });
  const { receive, awaiting, missing } = form;
  // The generic error banner is for what is not already shown next to a field or in the missing-documents box.
  const showError =
    receive.isError &&
    !(receive.error instanceof ApiError && receive.error.status === 409 && errorDetails(receive.error).length > 0);

  return (
    <div className="page intake">
      <h1>{t('intake.title')}</h1>
      <ProcedureSection form={form} />

      {form.picked && (
        <form
          ref={formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            form.confirm(e.currentTarget);
          }}
        >
          <ChecklistSection form={form} headingRef={checklistRef} />
          <ApplicantSection form={form} />
          <DetailsSection form={form} />
          <AppointmentSection form={form} />
          {missing && !awaiting && <MissingDocumentsBox form={form} missing={missing} boxRef={missingRef} />}

          {showError && <ErrorNotice error={receive.error} />}
          <div className="form-actions sticky-actions">
            <BusyButton
              type="submit"
              busy={receive.isPending && receive.variables?.body.if_incomplete === 'reject'}
              disabled={receive.isPending}
              busyLabel={awaiting ? t('intake.registering') : t('intake.confirming')}
            >
              {awaiting ? t('intake.register') : t('intake.confirm')}
            </BusyButton>
          </div>
        </form>
      )}
    </div>
  );
}
