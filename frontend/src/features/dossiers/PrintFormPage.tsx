import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TFunction } from 'i18next';
import { FORMS, type DossierEvent, type DossierRead, type FormNumber, type StepChain, type Unit } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { NotFoundPage } from '../../components/NotFound';
import { Loading } from '../../components/Spinner';
import { formatDate, formatDateTime, formatTime, formatVnd, localDate } from '../../lib/format';
import { hasRole, useSession } from '../auth/session';
import { useCurrentUnit } from '../units/queries';
import { useDossierSteps } from '../work/queries';
import { handoverRows, type HandoverRow } from '../work/work';
import {
  buildControlRows,
  dueBefore,
  eventMissingDocuments,
  lastEvent,
  missingWithCounts,
  wasReceived,
  type Place,
} from './lifecycle';
import { useDossier, useDossierEvents, useDossierQr } from './queries';

/** Printed forms are official documents: always in Vietnamese, whatever the screen language. */
function useFormT(): TFunction {
  const { i18n } = useTranslation();
  return useMemo(() => i18n.getFixedT('vi'), [i18n]);
}

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
        <FormBody
          form={form}
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

interface FormProps {
  dossier: DossierRead;
  events: DossierEvent[];
  /** The chain of steps (loaded for form 06 only). */
  steps: StepChain | null;
  unit: Unit;
  qr: string;
  t: TFunction;
}

function FormBody({ form, ...props }: FormProps & { form: FormNumber }) {
  switch (form) {
    case '01':
      return <Receipt {...props} />;
    case '02':
      return <SupplementRequest {...props} />;
    case '03':
      return <Refusal {...props} />;
    case '04':
      return <Apology {...props} />;
    case '05':
      return <StopNotice {...props} />;
    case '06':
      return <ControlSheet {...props} />;
  }
}

// ------------------------------------------------------------------ shared parts

/** "Xã Vĩnh Hưng" → "Vĩnh Hưng", for the place before the date. */
function placeName(unit: Unit): string {
  return unit.commune.name.replace(/^(xã|phường|thị trấn|đặc khu)\s+/i, '');
}

function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/** "Vĩnh Hưng, ngày 28 tháng 11 năm 2026". */
function placeAndDate(unit: Unit, at: string, t: TFunction): string {
  const [y, m, d] = localDate(at).split('-');
  return t('print.placeDate', { place: placeName(unit), day: d, month: m, year: y });
}

function FormHead({
  form,
  dossier,
  unit,
  qr,
  t,
  at,
  copy,
}: {
  form: FormNumber;
  dossier: DossierRead;
  unit: Unit;
  qr: string;
  t: TFunction;
  at: string;
  copy?: string;
}) {
  return (
    <>
      <div className="form-topline">
        <span>{copy}</span>
        <span>{t('print.number', { form })}</span>
      </div>
      <header className="form-head">
        <figure className="form-qr">
          <img src={qr} alt={t('print.qrAlt', { code: dossier.code })} />
        </figure>
        <div className="form-agency">
          <p>{upper(`${t('print.committee')} ${unit.commune.name}`)}</p>
          <p className="form-center">{upper(unit.name)}</p>
          <p className="form-rule" aria-hidden="true" />
        </div>
        <div className="form-nation">
          <p className="form-republic">{t('print.nation')}</p>
          <p className="form-motto">{t('print.motto')}</p>
          <p className="form-date">{placeAndDate(unit, at, t)}</p>
        </div>
      </header>
      <h1 className="form-title">{upper(t(`forms.${form}`))}</h1>
      <p className="form-subtitle">
        {t('print.code')}: <strong className="code">{dossier.code}</strong>
      </p>
    </>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <p className="form-line">
      <span className="form-label">{label}:</span> {children}
    </p>
  );
}

function ApplicantLines({ dossier, t, contact = true }: { dossier: DossierRead; t: TFunction; contact?: boolean }) {
  return (
    <>
      <Line label={t('print.applicant')}>
        <strong>{dossier.applicant.full_name}</strong>
      </Line>
      {dossier.representative && (
        <Line label={t('print.representative')}>
          {dossier.representative.full_name} ({dossier.representative.relation})
        </Line>
      )}
      <Line label={t('print.address')}>{dossier.applicant.address}</Line>
      {contact && (
        <p className="form-line form-pair">
          <span>
            <span className="form-label">{t('print.phone')}:</span> {dossier.applicant.phone}
          </span>
          <span>
            <span className="form-label">{t('print.email')}:</span> {dossier.applicant.email || '—'}
          </span>
        </p>
      )}
      <Line label={t('print.request')}>{dossier.procedure_name}</Line>
    </>
  );
}

function Signatures({
  left,
  right,
  t,
}: {
  left?: { title: string; name?: string };
  right: { title: string; name?: string };
  t: TFunction;
}) {
  return (
    <div className="form-signatures">
      {[left, right].map((s, i) =>
        s ? (
          <div key={i} className="form-signature">
            <p className="form-sign-title">{s.title}</p>
            <p className="form-sign-hint">{t('print.signHint')}</p>
            <p className="form-sign-name">{s.name}</p>
          </div>
        ) : (
          <div key={i} />
        ),
      )}
    </div>
  );
}

function deliveryText(dossier: DossierRead, unit: Unit, t: TFunction): string {
  if (dossier.delivery === 'post') {
    return t('print.deliveryPost', { address: dossier.delivery_address ?? dossier.applicant.address });
  }
  return t('print.deliveryCounter', { center: unit.name });
}

// ------------------------------------------------------------------ 01 receipt (two copies)

function Receipt(props: FormProps) {
  const { t } = props;
  // No receipt before the center received the dossier (an online or postal submission waiting, or refused).
  if (!wasReceived(props.dossier, props.events)) return <NotApplicable t={t} />;
  return (
    <div className="print-sheet receipt-sheet">
      <ReceiptCopy {...props} copy={`${t('print.copyApplicant')} · ${t('print.trackHint')}`} />
      <div className="cut-line" aria-hidden="true">
        <span>✂ {t('print.cut')}</span>
      </div>
      <ReceiptCopy {...props} copy={t('print.copyKept')} />
    </div>
  );
}

function ReceiptCopy({ dossier, unit, qr, t, copy }: FormProps & { copy: string }) {
  const received = dossier.documents.filter((d) => d.originals + d.copies > 0);
  return (
    <section className={`receipt-copy${received.length > 5 ? ' dense' : ''}`} aria-label={copy}>
      <FormHead form="01" dossier={dossier} unit={unit} qr={qr} t={t} at={dossier.received_at} copy={copy} />
      <p className="form-line">{t('print.receivedFrom', { center: unit.name })}</p>
      <ApplicantLines dossier={dossier} t={t} />
      <p className="form-line form-label">1. {t('print.documents')}:</p>
      <table className="form-table">
        <thead>
          <tr>
            <th className="col-no">{t('print.no')}</th>
            <th>{t('print.docName')}</th>
            <th className="col-n">{t('print.originals')}</th>
            <th className="col-n">{t('print.copies')}</th>
          </tr>
        </thead>
        <tbody>
          {received.length === 0 ? (
            <tr>
              <td colSpan={4}>—</td>
            </tr>
          ) : (
            received.map((d, i) => (
              <tr key={d.index}>
                <td className="col-no">{i + 1}</td>
                <td>{d.name}</td>
                <td className="col-n">{d.originals}</td>
                <td className="col-n">{d.copies}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <div className="form-items">
        <p className="form-line">
          2. <span className="form-label">{t('print.sets')}:</span> {dossier.sets_count}
        </p>
        <p className="form-line">
          3. <span className="form-label">{t('print.legalTime')}:</span> {dossier.duration_text || t('print.noTime')}
        </p>
        <p className="form-line">
          4. <span className="form-label">{t('print.receivedAt')}:</span>{' '}
          <strong>{formatDateTime(dossier.received_at)}</strong>
        </p>
        <p className="form-line">
          5. <span className="form-label">{t('print.returnAt')}:</span>{' '}
          <strong>{dossier.due_at ? formatDateTime(dossier.due_at) : t('print.noTime')}</strong>
        </p>
        <p className="form-line">
          6. <span className="form-label">{t('print.delivery')}:</span> {deliveryText(dossier, unit, t)}
        </p>
        <p className="form-line">
          7. <span className="form-label">{t('print.fees')}:</span>{' '}
          {dossier.fees.length === 0
            ? t('print.noFees')
            : dossier.fees
                .map((f) => `${f.description}: ${f.amount_vnd === 0 ? t('fees.free') : formatVnd(f.amount_vnd)}`)
                .join('; ')}
        </p>
      </div>
      <Signatures
        t={t}
        left={{ title: t('print.signApplicant'), name: dossier.applicant.full_name }}
        right={{ title: t('print.signReceiver'), name: dossier.received_by.full_name }}
      />
    </section>
  );
}

// ------------------------------------------------------------------ 02 supplement request

function SupplementRequest({ dossier, events, unit, qr, t }: FormProps) {
  const event = lastEvent(events, 'request_supplement');
  if (!event) return <NotApplicable t={t} />;
  const rows = missingWithCounts(eventMissingDocuments(event), dossier.documents);
  return (
    <div className="print-sheet">
      <FormHead form="02" dossier={dossier} unit={unit} qr={qr} t={t} at={event.at} />
      <p className="form-line">
        {t('print.receivedOn', { time: formatDateTime(dossier.received_at), center: unit.name })}
      </p>
      <ApplicantLines dossier={dossier} t={t} />
      <p className="form-line">{t('print.supplementLead')}</p>
      <table className="form-table">
        <thead>
          <tr>
            <th className="col-no">{t('print.no')}</th>
            <th>{t('print.docNeeded')}</th>
            <th className="col-n">{t('print.originals')}</th>
            <th className="col-n">{t('print.copies')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="col-no">{i + 1}</td>
              <td>{r.name}</td>
              <td className="col-n">{r.originals ?? '—'}</td>
              <td className="col-n">{r.copies ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Line label={t('print.reason')}>{event.note || '—'}</Line>
      <p className="form-line">
        {t('print.contact', { name: event.actor?.full_name ?? dossier.received_by.full_name, center: unit.name })}
      </p>
      <Signatures t={t} right={{ title: t('print.signGuide'), name: event.actor?.full_name }} />
    </div>
  );
}

// ------------------------------------------------------------------ 03 refusal to receive

function Refusal({ dossier, events, unit, qr, t }: FormProps) {
  const event = lastEvent(events, 'refuse_at_reception');
  if (!event) return <NotApplicable t={t} />;
  const missing = eventMissingDocuments(event);
  return (
    <div className="print-sheet">
      <FormHead form="03" dossier={dossier} unit={unit} qr={qr} t={t} at={event.at} />
      <p className="form-line">
        {t('print.receivedOn', { time: formatDateTime(dossier.received_at), center: unit.name })}
      </p>
      <ApplicantLines dossier={dossier} t={t} />
      <p className="form-line">{t('print.refusalLead')}</p>
      <p className="form-reason">{event.note || '—'}</p>
      {missing.length > 0 && (
        <>
          <p className="form-line form-label">{t('print.missingDocs')}:</p>
          <ol className="form-list">
            {missing.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ol>
        </>
      )}
      <p className="form-line">{t('print.refusalEnd')}</p>
      <Signatures t={t} right={{ title: t('print.signReceiver'), name: event.actor?.full_name }} />
    </div>
  );
}

// ------------------------------------------------------------------ 04 apology and new appointment

function Apology({ dossier, events, unit, qr, t }: FormProps) {
  const event = lastEvent(events, 'extend');
  if (!event) return <NotApplicable t={t} />;
  const oldDue = dueBefore(events, event.seq, dossier.original_due_at);
  const newDue = typeof event.data.due_at === 'string' ? event.data.due_at : dossier.due_at;
  return (
    <div className="print-sheet">
      <FormHead form="04" dossier={dossier} unit={unit} qr={qr} t={t} at={event.at} />
      <p className="form-line">
        {t('print.receivedOn', { time: formatDateTime(dossier.received_at), center: unit.name })}
      </p>
      <ApplicantLines dossier={dossier} t={t} />
      <Line label={t('print.oldDue')}>
        <strong>{oldDue ? formatDateTime(oldDue) : '—'}</strong>
      </Line>
      <p className="form-line">{t('print.apologyLead')}</p>
      <Line label={t('print.reason')}>{event.note || '—'}</Line>
      <p className="form-line">{t('print.apologyText')}</p>
      <Line label={t('print.newDue')}>
        <strong>{newDue ? formatDateTime(newDue) : '—'}</strong>
      </Line>
      <p className="form-line">{t('print.apologyEnd')}</p>
      <Signatures t={t} right={{ title: t('print.signLeader'), name: event.actor?.full_name }} />
    </div>
  );
}

// ------------------------------------------------------------------ 05 notice of stopping

function StopNotice({ dossier, events, unit, qr, t }: FormProps) {
  const event = lastEvent(events, 'stop');
  if (!event) return <NotApplicable t={t} />;
  return (
    <div className="print-sheet">
      <FormHead form="05" dossier={dossier} unit={unit} qr={qr} t={t} at={event.at} />
      <p className="form-line">
        {t('print.receivedOn', { time: formatDateTime(dossier.received_at), center: unit.name })}
      </p>
      <ApplicantLines dossier={dossier} t={t} />
      <p className="form-line">{t('print.stopLead', { time: formatDateTime(event.at) })}</p>
      <Line label={t('print.reason')}>{event.note || '—'}</Line>
      <p className="form-line">{t('print.stopEnd')}</p>
      <Signatures t={t} right={{ title: t('print.signLeader'), name: event.actor?.full_name }} />
    </div>
  );
}

// ------------------------------------------------------------------ 06 process control sheet

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
 * Form 06 (Decree 118/2025/NĐ-CP): one row per step of the dossier — who handed it on, to which step and
 * person, when, against the step's own due time, and whether that was early, on time or late.
 */
function ControlSheet(props: FormProps) {
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

function NotApplicable({ t }: { t: TFunction }) {
  return <p className="empty">{t('print.notApplicable')}</p>;
}
