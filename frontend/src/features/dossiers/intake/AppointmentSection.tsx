import { useTranslation } from '../../../i18n';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Spinner } from '../../../components/Spinner';
import { formatDateTime, formatProcessingTime } from '../../../lib/format';
import type { IntakeForm } from './useIntake';

/** Step 5: the processing time and the appointment it gives from now, with how it was computed. */
export function AppointmentSection({ form }: { form: IntakeForm }) {
  const { t, i18n } = useTranslation();
  const { time, awaiting, duration, due } = form;
  return (
    <section className="card appointment" aria-labelledby="intake-due" aria-live="polite">
      <h2 id="intake-due" className="step-title">
        <span className="step-no">5</span> {t('intake.appointmentTitle')}
      </h2>
      <p>
        {t('procedure.time')}: <strong>{time ? formatProcessingTime(time, t) : t('intake.noTime')}</strong>
      </p>
      {awaiting ? (
        <p className="due-result">{t('intake.awaitingDue')}</p>
      ) : !duration ? (
        <p className="due-result">{t('intake.noTime')}</p>
      ) : due.isPending ? (
        <p className="loading">
          <Spinner /> {t('intake.computing')}
        </p>
      ) : due.isError ? (
        <ErrorNotice error={due.error} onRetry={() => void due.refetch()} />
      ) : (
        <div className="due-result">
          <p>
            {t('intake.appointment')}: <strong className="big code">{formatDateTime(due.data.due_at)}</strong>
          </p>
          {due.data.explanation.length > 0 && (
            <details className="collapsible">
              <summary>{t('intake.howComputed')}</summary>
              <ol className="explanation">
                {due.data.explanation.map((x, i) => (
                  <li key={i}>{i18n.language.startsWith('en') && x.text_en ? x.text_en : x.text}</li>
                ))}
              </ol>
            </details>
          )}
          <p className="hint">{t('intake.appointmentHint')}</p>
        </div>
      )}
    </section>
  );
}
