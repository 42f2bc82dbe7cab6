import type { RefObject } from 'react';
import { useTranslation } from '../../../i18n';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Spinner';
import { isReceived } from './draft';
import { DocumentChecklist } from './DocumentChecklist';
import type { IntakeForm } from './useIntake';

/** Step 2: the documents received, with a count of the mandatory ones and a way to tick them all at once. */
export function ChecklistSection({
  form,
  headingRef,
}: {
  form: IntakeForm;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const { procedure, documents, mandatory, draft } = form;
  const mandatoryReceived = mandatory.filter(({ i }) => isReceived(draft.documents[i])).length;
  return (
    <section className="card" aria-labelledby="intake-docs">
      <div className="page-head">
        <h2 id="intake-docs" className="step-title" ref={headingRef} tabIndex={-1}>
          <span className="step-no">2</span> {t('intake.checklist')}
        </h2>
        {mandatory.length > 0 && (
          <span className={`tag ${mandatoryReceived === mandatory.length ? 'tag-ok' : 'tag-off'}`} aria-live="polite">
            {t('intake.mandatoryCount', { received: mandatoryReceived, total: mandatory.length })}
          </span>
        )}
      </div>
      {procedure.isPending ? (
        <Loading />
      ) : procedure.isError ? (
        <ErrorNotice error={procedure.error} onRetry={() => void procedure.refetch()} />
      ) : documents.length === 0 ? (
        <p className="empty">{t('procedure.noDocuments')}</p>
      ) : (
        <>
          {mandatory.length > 0 && (
            <p>
              <button type="button" className="btn btn-small" onClick={form.tickMandatory}>
                ✓ {t('intake.tickMandatory')}
              </button>
            </p>
          )}
          <DocumentChecklist documents={documents} draft={draft} onChange={form.setDocument} />
        </>
      )}
    </section>
  );
}
