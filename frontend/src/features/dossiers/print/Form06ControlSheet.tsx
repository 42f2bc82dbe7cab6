import type { ReactNode } from 'react';
import type { TFunction } from '../../../i18n';
import type { DossierRead } from '../../../api/types';
import { formatDate, formatDateTime, formatTime } from '../../../lib/format';
import { handoverRows, type HandoverRow } from '../../work/chain';
import { buildControlRows, type Place } from '../lifecycle';
import { ApplicantLines, FormHead, type FormProps } from './FormParts';

function placeText(place: Place, t: TFunction): string {
  return place.kind === 'step' ? place.name : t(`steps.${place.kind}`);
}

/** "07:43 07/09/2026" in a narrow column: the time over the date, neither split. */
function Moment({ at }: { at: string | null }) {
  if (!at) return <>—</>;
  return (
    <>
      <span className="nowrap">{formatTime(at)}</span> <span className="nowrap">{formatDate(at)}</span>
    </>
  );
}

function handedTo(row: HandoverRow, t: TFunction): ReactNode {
  switch (row.to.kind) {
    case 'open':
      return <em>{t('print.inProgress')}</em>;
    case 'action':
      return t(`events.${row.to.action}`, { defaultValue: row.to.action });
    case 'step':
      return (
        <>
          {row.to.name}
          {row.to.person && <div>{row.to.person}</div>}
        </>
      );
  }
}

/**
 * Form 06, the process control sheet (Decree 118/2025/NĐ-CP): one row per step of the dossier — who handed it on, to which step and
 * person, when, against the step's own due time, and whether that was early, on time or late.
 */
export function Form06ControlSheet(props: FormProps) {
  const { dossier, steps, unit, qr, t } = props;
  if (!steps || steps.steps.length === 0) return <EventControlSheet {...props} />;
  const rows = handoverRows(steps.steps);
  return (
    <div className="print-sheet">
      <FormHead form="06" dossier={dossier} unit={unit} qr={qr} t={t} at={dossier.received_at} />
      <ApplicantLines dossier={dossier} t={t} contact={false} />
      <p className="form-line form-pair">
        <span>
          <span className="form-label">{t('print.receivedAt')}:</span> {formatDateTime(dossier.received_at)}
        </span>
        <span>
          <span className="form-label">{t('print.dueAt')}:</span>{' '}
          {dossier.due_at ? formatDateTime(dossier.due_at) : t('print.noTime')}
        </span>
      </p>
      <div className="table-scroll">
        <table className="form-table control-table handover-table">
          <thead>
            <tr>
              <th className="col-no">{t('print.no')}</th>
              <th className="col-party">{t('print.handoverFrom')}</th>
              <th className="col-party">{t('print.handoverTo')}</th>
              <th className="col-time">{t('print.time')}</th>
              <th className="col-time">{t('print.stepDue')}</th>
              <th className="col-result">{t('print.result')}</th>
              <th className="col-sign">{t('print.sign')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.seq}>
                <td className="col-no">{i + 1}</td>
                <td>
                  <strong>{r.step}</strong>
                  {r.from && <div>{r.from}</div>}
                </td>
                <td>{handedTo(r, t)}</td>
                <td className="col-time">
                  <Moment at={r.at} />
                </td>
                <td className="col-time">
                  <Moment at={r.dueAt} />
                </td>
                <td className="col-result">{r.punctuality ? t(`punctuality.${r.punctuality}`) : ''}</td>
                <td className="col-sign" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="form-muted small">{t('print.controlNote')}</p>
      <FinishedLine dossier={dossier} t={t} />
    </div>
  );
}

/** Form 06 from the events, for a dossier without a recorded chain of steps (received before steps existed). */
function EventControlSheet({ dossier, events, unit, qr, t }: FormProps) {
  const rows = buildControlRows(events, dossier);
  return (
    <div className="print-sheet">
      <FormHead form="06" dossier={dossier} unit={unit} qr={qr} t={t} at={dossier.received_at} />
      <ApplicantLines dossier={dossier} t={t} contact={false} />
      <p className="form-line form-pair">
        <span>
          <span className="form-label">{t('print.receivedAt')}:</span> {formatDateTime(dossier.received_at)}
        </span>
        <span>
          <span className="form-label">{t('print.dueAt')}:</span>{' '}
          {dossier.due_at ? formatDateTime(dossier.due_at) : t('print.noTime')}
        </span>
      </p>
      <table className="form-table control-table">
        <thead>
          <tr>
            <th className="col-no">{t('print.no')}</th>
            <th>{t('print.handover')}</th>
            <th className="col-time">{t('print.time')}</th>
            <th>{t('print.actor')}</th>
            <th className="col-result">{t('print.result')}</th>
            <th>{t('print.note')}</th>
            <th className="col-sign">{t('print.sign')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.seq}>
              <td className="col-no">{i + 1}</td>
              <td>
                <strong>{t(`events.${r.action}`, { defaultValue: r.action })}</strong>
                <div>
                  {placeText(r.from, t)} → {placeText(r.to, t)}
                </div>
                {r.fromStatus !== r.toStatus && <div className="form-muted">{t(`status.${r.toStatus}`)}</div>}
              </td>
              <td className="col-time">{formatDateTime(r.at)}</td>
              <td>{r.actor ?? '—'}</td>
              <td className="col-result">{r.punctuality ? t(`punctuality.${r.punctuality}`) : ''}</td>
              <td>{r.note}</td>
              <td className="col-sign" />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="form-muted small">{t('print.controlNoteEvents')}</p>
      <FinishedLine dossier={dossier} t={t} />
    </div>
  );
}

/** Form 06's last line: when processing ended, and the result document if there is one. */
function FinishedLine({ dossier, t }: { dossier: DossierRead; t: TFunction }) {
  if (!dossier.finished_at) return null;
  return (
    <p className="form-line">
      <span className="form-label">{t('print.finishedAt')}:</span> {formatDateTime(dossier.finished_at)}
      {dossier.result_number && (
        <>
          {' '}
          · {t('print.resultDoc', { number: dossier.result_number, date: formatDate(dossier.result_date) })}
        </>
      )}
    </p>
  );
}
