import { useId } from 'react';
import { useTranslation } from '../../../i18n';
import type { ProcedureDocument } from '../../../api/types';
import { clampCount, isReceived, MAX_COUNT, tickedCount, type IntakeDraft } from './draft';

/** The procedure's documents with what was received of each: ticked, or counted as originals and copies. */
export function DocumentChecklist({
  documents,
  draft,
  onChange,
}: {
  documents: ProcedureDocument[];
  draft: IntakeDraft;
  onChange: (index: number, originals: number, copies: number) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <table className="data-table stack-table checklist">
      <caption className="visually-hidden">{t('intake.checklist')}</caption>
      <thead>
        <tr>
          <th scope="col" className="col-check">
            {t('intake.receivedLabel')}
          </th>
          <th scope="col">{t('procedure.docName')}</th>
          <th scope="col" id={`${id}-o`} className="col-count">
            {t('procedure.originals')}
          </th>
          <th scope="col" id={`${id}-c`} className="col-count">
            {t('procedure.copies')}
          </th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d, i) => {
          const count = draft.documents[i] ?? { originals: 0, copies: 0 };
          const received = isReceived(count);
          const nameId = `${id}-n${i}`;
          return (
            <tr key={i} className={received ? 'row-received' : d.mandatory ? 'row-needed' : undefined}>
              <td className="col-check" data-label={t('intake.receivedLabel')}>
                <input
                  type="checkbox"
                  checked={received}
                  aria-labelledby={nameId}
                  onChange={(e) => {
                    const c = e.target.checked ? tickedCount(d) : { originals: 0, copies: 0 };
                    onChange(i, c.originals, c.copies);
                  }}
                />
              </td>
              <td data-label={t('procedure.docName')}>
                <span id={nameId}>{d.name}</span>{' '}
                {d.mandatory ? (
                  <span className="tag tag-strong">{t('procedure.mandatory')}</span>
                ) : (
                  <span className="tag">{t('procedure.conditional')}</span>
                )}
                {d.condition && d.condition.trim() !== d.name.trim() && <div className="small muted">{d.condition}</div>}
                <div className="small muted">
                  {t('intake.needs', { originals: d.originals, copies: d.copies })}
                </div>
              </td>
              <td className="col-count" data-label={t('procedure.originals')}>
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={MAX_COUNT}
                  className="count-input"
                  aria-labelledby={`${id}-o ${nameId}`}
                  value={count.originals}
                  onChange={(e) => onChange(i, clampCount(e.target.value), count.copies)}
                />
              </td>
              <td className="col-count" data-label={t('procedure.copies')}>
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={MAX_COUNT}
                  className="count-input"
                  aria-labelledby={`${id}-c ${nameId}`}
                  value={count.copies}
                  onChange={(e) => onChange(i, count.originals, clampCount(e.target.value))}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
