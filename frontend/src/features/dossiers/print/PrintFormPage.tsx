import { useEffect, type ComponentType } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../../i18n';
import { FORMS, type FormNumber } from '../../../api/types';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { NotFoundPage } from '../../../components/NotFound';
import { Loading } from '../../../components/Spinner';
import { hasRole, useSession } from '../../auth/session';
import { useCurrentUnit } from '../../units/queries';
import { useDossierSteps } from '../../work/queries';
import { useDossier, useDossierEvents, useDossierQr } from '../queries';
import './print-forms.css';
import { Form01Receipt } from './Form01Receipt';
import { Form02SupplementRequest } from './Form02SupplementRequest';
import { Form03Refusal } from './Form03Refusal';
import { Form04Apology } from './Form04Apology';
import { Form05StopNotice } from './Form05StopNotice';
import { Form06ControlSheet } from './Form06ControlSheet';
import type { FormProps } from './FormParts';
import { useFormT } from './formText';

const FORM_BODIES: Record<FormNumber, ComponentType<FormProps>> = {
  '01': Form01Receipt,
  '02': Form02SupplementRequest,
  '03': Form03Refusal,
  '04': Form04Apology,
  '05': Form05StopNotice,
  '06': Form06ControlSheet,
};

function isForm(value: string | undefined): value is FormNumber {
  return FORMS.includes(value as FormNumber);
}

/** `/console/ho-so/:id/in/:form`: one of the forms 01–06 on A4, ready for the browser's print dialog. */
export default function PrintFormPage() {
  const { id: idParam, form } = useParams();
  const id = Number(idParam);
  if (!Number.isInteger(id) || id <= 0 || !isForm(form)) return <NotFoundPage />;
  return <PrintForm id={id} form={form} />;
}

function PrintForm({ id, form }: { id: number; form: FormNumber }) {
  const { t } = useTranslation();
  const me = useSession();
  const dossier = useDossier(id);
  const events = useDossierEvents(id);
  const unit = useCurrentUnit();
  const qr = useDossierQr(id, form);
  // The control sheet (06) is the chain of steps: one row per hand-over.
  const steps = useDossierSteps(form === '06' ? id : 0);
  const ft = useFormT();
  const Body = FORM_BODIES[form];

  useEffect(() => {
    if (dossier.data) document.title = `${ft(`forms.${form}`)} — ${dossier.data.code}`;
  }, [dossier.data, form, ft]);

  const error = dossier.error ?? events.error ?? unit.error ?? qr.error ?? (form === '06' ? steps.error : null);
  const ready = dossier.data && events.data && unit.data && qr.data && (form !== '06' || steps.data);

  return (
    <div className="print-page">
      <div className="print-toolbar no-print">
        <Link to={`/console/ho-so/${id}`}>← {t('print.backToDossier')}</Link>
        <div className="toolbar-actions">
          {form === '01' && hasRole(me, 'receptionist') && (
            <Link to="/console/tiep-nhan" className="btn">
              + {t('intake.startNew')}
            </Link>
          )}
          <button type="button" className="btn btn-primary" disabled={!ready} onClick={() => window.print()}>
            {t('print.print')}
          </button>
        </div>
      </div>
      {error ? (
        <ErrorNotice
          error={error}
          onRetry={() => {
            void dossier.refetch();
            void events.refetch();
            void unit.refetch();
            void qr.refetch();
            if (form === '06') void steps.refetch();
          }}
        />
      ) : !ready ? (
        <Loading />
      ) : (
        <Body
          dossier={dossier.data}
          events={events.data}
          steps={steps.data ?? null}
          unit={unit.data}
          qr={qr.data}
          t={ft}
        />
      )}
    </div>
  );
}
