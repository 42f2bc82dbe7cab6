import { useTranslation } from '../../../i18n';
import { Field } from '../../../components/Field';
import { formatVnd } from '../../../lib/format';
import type { FeeRow } from './draft';

/** The fees collected, one editable row each (the procedure's to start with), and their total. */
export function FeeRows({
  fees,
  onChange,
  error,
}: {
  fees: FeeRow[];
  onChange: (fees: FeeRow[]) => void;
  error: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const total = fees.reduce((sum, f) => sum + (/^\d+$/.test(f.amount.trim()) ? Number(f.amount) : 0), 0);
  return (
    <fieldset>
      <legend>{t('intake.fees')}</legend>
      {fees.length === 0 && <p className="muted small">{t('intake.noFees')}</p>}
      <ul className="fee-rows">
        {fees.map((f, i) => (
          <li key={i} className="fee-row">
            <Field label={t('intake.feeDescription')} error={error(`fees.${i}.description`)} className="grow">
              <input
                value={f.description}
                maxLength={500}
                onChange={(e) => onChange(fees.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))}
              />
            </Field>
            <Field label={t('intake.feeAmount')} error={error(`fees.${i}.amount_vnd`)} className="fee-amount">
              <input
                inputMode="numeric"
                value={f.amount}
                onChange={(e) =>
                  onChange(fees.map((x, j) => (j === i ? { ...x, amount: e.target.value.replace(/[^\d]/g, '') } : x)))
                }
              />
            </Field>
            <button
              type="button"
              className="btn btn-small btn-danger fee-remove"
              onClick={() => onChange(fees.filter((_, j) => j !== i))}
            >
              {t('common.delete')}
              <span className="visually-hidden"> {f.description}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="fee-foot">
        <button type="button" className="btn btn-small" onClick={() => onChange([...fees, { description: '', amount: '0' }])}>
          + {t('intake.addFee')}
        </button>
        <span>
          {t('intake.feeTotal')}: <strong>{formatVnd(total)}</strong>
        </span>
      </div>
    </fieldset>
  );
}
