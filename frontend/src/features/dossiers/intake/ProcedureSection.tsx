import { useTranslation } from '../../../i18n';
import { localName } from '../../../lib/format';
import { ProcedurePicker } from './ProcedurePicker';
import type { IntakeForm } from './useIntake';

/** Step 1: the procedure, searched for and picked, then shown with a way to pick another. */
export function ProcedureSection({ form }: { form: IntakeForm }) {
  const { t, i18n } = useTranslation();
  const { picked } = form;
  return (
    <section className="card" aria-labelledby="intake-procedure">
      <h2 id="intake-procedure" className="step-title">
        <span className="step-no">1</span> {t('intake.procedure')}
      </h2>
      {picked ? (
        <div className="picked">
          <div>
            <strong>{localName(picked, i18n.language)}</strong>
            <div className="muted small">
              <span className="code">{picked.code}</span> · {localName(picked.sector, i18n.language)}
            </div>
          </div>
          <button type="button" className="btn btn-small" onClick={form.unpick}>
            {t('intake.change')}
          </button>
        </div>
      ) : (
        <ProcedurePicker onPick={form.pick} />
      )}
    </section>
  );
}
