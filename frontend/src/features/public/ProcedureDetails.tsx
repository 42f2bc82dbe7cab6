import { useTranslation } from '../../i18n';
import type { ProcedureDocument, ProcedurePublic } from '../../api/types';
import { formatFee, formatProcessingTime } from '../../lib/format';

/** Items that already carry their own markers ("- ", "(i)", "1.") read better without a second numbering. */
export function TextList({ items, className }: { items: string[]; className?: string }) {
  const marked = items.some((s) => /^\s*([-+•*]|\(?[0-9ivx]+[.)])\s*/i.test(s));
  if (marked) {
    return (
      <div className={`text-list ${className ?? ''}`}>
        {items.map((s, i) => (
          <p key={i}>{s}</p>
        ))}
      </div>
    );
  }
  return (
    <ol className={className}>
      {items.map((s, i) => (
        <li key={i}>{s}</li>
      ))}
    </ol>
  );
}

export function ProcessingTimes({ procedure }: { procedure: Pick<ProcedurePublic, 'processing_times'> }) {
  const { t } = useTranslation();
  if (procedure.processing_times.length === 0) return <p>{t('time.unspecified')}</p>;
  return (
    <table className="kv-table">
      <caption className="visually-hidden">{t('procedure.time')}</caption>
      <tbody>
        {procedure.processing_times.map((pt, i) => {
          const shown = formatProcessingTime(pt, t);
          // The source wording is kept when it says more than the parsed value.
          const original = pt.text?.trim();
          return (
            <tr key={i}>
              <th scope="row">{t(`channels.${pt.channel}`)}</th>
              <td>
                <strong>{shown}</strong>
                {original && pt.unit && original !== shown && <span className="muted"> ({original})</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Fees({ procedure }: { procedure: Pick<ProcedurePublic, 'fees'> }) {
  const { t } = useTranslation();
  if (procedure.fees.length === 0) return <p>{t('time.unspecified')}</p>;
  return (
    <ul className="fee-list">
      {procedure.fees.map((f, i) => (
        <li key={i}>
          {f.description && <span className="fee-desc">{f.description}: </span>}
          <strong>{formatFee(f, t)}</strong>
          {f.note && f.amount_vnd !== null && <span className="muted"> — {f.note}</span>}
        </li>
      ))}
    </ul>
  );
}

function groupDocuments(documents: ProcedureDocument[]): { group: string | null; items: ProcedureDocument[] }[] {
  const groups: { group: string | null; items: ProcedureDocument[] }[] = [];
  for (const d of documents) {
    const last = groups[groups.length - 1];
    if (last && last.group === (d.group ?? null)) last.items.push(d);
    else groups.push({ group: d.group ?? null, items: [d] });
  }
  return groups;
}

/** The documents checklist; on a phone each row becomes a small card (see .stack-table in the CSS). */
export function DocumentsTable({ documents }: { documents: ProcedureDocument[] }) {
  const { t } = useTranslation();
  if (documents.length === 0) return <p>{t('procedure.noDocuments')}</p>;
  const groups = groupDocuments(documents);
  return (
    <table className="data-table stack-table documents-table" aria-label={t('procedure.documents')}>
      <thead>
        <tr>
          <th scope="col" className="col-num">
            {t('procedure.no')}
          </th>
          <th scope="col">{t('procedure.docName')}</th>
          <th scope="col" className="col-count">
            {t('procedure.originals')}
          </th>
          <th scope="col" className="col-count">
            {t('procedure.copies')}
          </th>
          <th scope="col" className="col-req">
            {t('procedure.requirement')}
          </th>
        </tr>
      </thead>
      {groups.map((g, gi) => (
        <tbody key={gi}>
          {g.group && (
            <tr className="group-row">
              <th scope="colgroup" colSpan={5}>
                {g.group}
              </th>
            </tr>
          )}
          {g.items.map((d, i) => (
            <tr key={i}>
              <td className="col-num" data-label={t('procedure.no')}>
                {groups.slice(0, gi).reduce((n, x) => n + x.items.length, 0) + i + 1}
              </td>
              <td data-label={t('procedure.docName')}>
                {d.name}
                {d.template && (
                  <div className="muted small">
                    {t('procedure.template')}: {d.template}
                  </div>
                )}
              </td>
              <td className="col-count" data-label={t('procedure.originals')}>
                {d.originals}
              </td>
              <td className="col-count" data-label={t('procedure.copies')}>
                {d.copies}
              </td>
              <td data-label={t('procedure.requirement')}>
                {d.mandatory ? (
                  <span className="tag tag-strong">{t('procedure.mandatory')}</span>
                ) : (
                  <span className="tag">{t('procedure.conditional')}</span>
                )}
                {d.condition && d.condition.trim() !== d.name.trim() && <div className="small">{d.condition}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
