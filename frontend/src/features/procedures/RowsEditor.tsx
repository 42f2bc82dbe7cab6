import { useId } from 'react';
import { useTranslation } from '../../i18n';

export type Column<T> = {
  key: keyof T & string;
  label: string;
  wide?: boolean;
} & (
  | { type: 'text' | 'textarea' }
  | { type: 'number'; min?: number; step?: number }
  | { type: 'checkbox' }
  | { type: 'select'; options: { value: string; label: string }[]; nullable?: boolean }
);

interface Props<T> {
  legend: string;
  itemLabel: string;
  rows: T[];
  columns: Column<T>[];
  newRow: () => T;
  onChange: (rows: T[]) => void;
  errors?: Record<string, string>;
  errorPrefix: string;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** An editable list of records (documents, fees, processing times…), one small card per row. */
export function RowsEditor<T extends object>({
  legend,
  itemLabel,
  rows,
  columns,
  newRow,
  onChange,
  errors = {},
  errorPrefix,
}: Props<T>) {
  const { t } = useTranslation();
  const base = useId();
  const set = (i: number, key: keyof T, value: unknown) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));

  return (
    <fieldset className="rows-editor">
      <legend>{legend}</legend>
      {rows.length === 0 && <p className="muted">{t('procedures.noRows')}</p>}
      <ol className="rows">
        {rows.map((row, i) => {
          const record = row as Record<string, unknown>;
          return (
            <li key={i} className="row-card">
              <div className="row-head">
                <strong>
                  {itemLabel} {i + 1}
                </strong>
                <div className="row-buttons">
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    disabled={i === 0}
                    onClick={() => onChange(move(rows, i, i - 1))}
                    aria-label={`${t('procedures.moveUp')} ${itemLabel} ${i + 1}`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    disabled={i === rows.length - 1}
                    onClick={() => onChange(move(rows, i, i + 1))}
                    aria-label={`${t('procedures.moveDown')} ${itemLabel} ${i + 1}`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    {t('common.delete')}
                    <span className="visually-hidden">
                      {' '}
                      {itemLabel} {i + 1}
                    </span>
                  </button>
                </div>
              </div>
              <div className="row-fields">
                {columns.map((col) => {
                  const id = `${base}-${i}-${col.key}`;
                  const value = record[col.key];
                  const error = errors[`${errorPrefix}.${i}.${col.key}`];
                  const errorId = error ? `${id}-error` : undefined;
                  let control;
                  switch (col.type) {
                    case 'checkbox':
                      return (
                        <div key={col.key} className="field field-check">
                          <label className="check" htmlFor={id}>
                            <input
                              id={id}
                              type="checkbox"
                              checked={Boolean(value)}
                              onChange={(e) => set(i, col.key, e.target.checked)}
                            />
                            {col.label}
                          </label>
                        </div>
                      );
                    case 'number':
                      control = (
                        <input
                          id={id}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={errorId}
                          type="number"
                          inputMode="decimal"
                          min={col.min}
                          step={col.step ?? 1}
                          value={value === null || value === undefined ? '' : String(value)}
                          onChange={(e) => set(i, col.key, e.target.value === '' ? null : Number(e.target.value))}
                        />
                      );
                      break;
                    case 'select':
                      control = (
                        <select
                          id={id}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={errorId}
                          value={value === null || value === undefined ? '' : String(value)}
                          onChange={(e) => set(i, col.key, e.target.value === '' ? null : e.target.value)}
                        >
                          {col.nullable && <option value="">—</option>}
                          {col.options.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      );
                      break;
                    case 'textarea':
                      control = (
                        <textarea
                          id={id}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={errorId}
                          rows={2}
                          value={typeof value === 'string' ? value : ''}
                          onChange={(e) => set(i, col.key, e.target.value)}
                        />
                      );
                      break;
                    default:
                      control = (
                        <input
                          id={id}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={errorId}
                          value={typeof value === 'string' ? value : ''}
                          onChange={(e) => set(i, col.key, e.target.value)}
                        />
                      );
                  }
                  return (
                    <div key={col.key} className={`field${col.wide ? ' field-wide' : ''}${error ? ' field-invalid' : ''}`}>
                      <label htmlFor={id}>{col.label}</label>
                      {control}
                      {error && (
                        <small id={errorId} className="field-error">
                          {error}
                        </small>
                      )}
                    </div>
                  );
                })}
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, newRow()])}>
        + {t('procedures.addRow', { item: itemLabel.toLowerCase() })}
      </button>
    </fieldset>
  );
}

/** A list of strings edited as lines of a textarea. */
export function LinesField({
  label,
  hint,
  value,
  onChange,
  rows = 4,
}: {
  label: string;
  hint?: string;
  value: string[];
  onChange: (lines: string[]) => void;
  rows?: number;
}) {
  const id = useId();
  return (
    <div className="field field-wide">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        aria-describedby={hint ? `${id}-hint` : undefined}
        value={value.join('\n')}
        onChange={(e) => onChange(e.target.value.split('\n'))}
      />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}
