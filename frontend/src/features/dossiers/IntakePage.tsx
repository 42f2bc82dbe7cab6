import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, errorDetails, fieldErrors } from '../../api/errors';
import { CHANNELS, type Channel, type IfIncomplete, type ProcedureDocument, type ProcedureSummary } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { focusFirstInvalid } from '../../components/focus';
import { Loading, Spinner } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { formatDateTime, formatProcessingTime, formatVnd, localName, todayIso } from '../../lib/format';
import { RequireRole } from '../auth/RequireAuth';
import { useDueDatePreview } from '../calendar/queries';
import { usePublicProcedure } from '../public/queries';
import {
  awaitsReception,
  clampCount,
  durationOf,
  emptyDraft,
  feeRowsFrom,
  isReceived,
  MAX_COUNT,
  newIdempotencyKey,
  processingTimeFor,
  tickedCount,
  toDossierCreate,
  validateIntake,
  type IntakeDraft,
} from './intake';
import { ProcedurePicker } from './ProcedurePicker';
import { useReceiveDossier } from './queries';

type Applicant = IntakeDraft['applicant'];
type Representative = IntakeDraft['representative'];

export default function IntakePage() {
  return (
    <RequireRole roles={['receptionist']}>
      <Intake />
    </RequireRole>
  );
}

function Intake() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [picked, setPicked] = useState<ProcedureSummary | null>(null);
  const [draft, setDraft] = useState<IntakeDraft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  // One key per intake form: a double click or a retry of the same form never creates a second dossier.
  const [idempotencyKey] = useState(() => newIdempotencyKey());
  const receive = useReceiveDossier();
  const procedure = usePublicProcedure(picked?.code ?? '');
  const formRef = useRef<HTMLFormElement>(null);
  const checklistRef = useRef<HTMLHeadingElement>(null);
  const missingRef = useRef<HTMLDivElement>(null);
  const awaitingHintId = useId();

  // An online or postal submission only registered now: no appointment and no reception check yet.
  const awaiting = awaitsReception(draft);
  const time = procedure.data ? processingTimeFor(procedure.data.processing_times, draft.channel) : null;
  const duration = durationOf(time);
  const due = useDueDatePreview(procedure.data && !awaiting ? duration : null);

  const onPick = useCallback((p: ProcedureSummary) => {
    setPicked(p);
    setDraft((d) => ({ ...d, documents: {}, fees: feeRowsFrom(p.fees) }));
    setMissing(null);
    window.setTimeout(() => checklistRef.current?.focus(), 0);
  }, []);

  const change = (patch: Partial<IntakeDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setApplicant = (name: keyof Applicant, value: string) =>
    setDraft((d) => ({ ...d, applicant: { ...d.applicant, [name]: value } }));
  const setRepresentative = (name: keyof Representative, value: string) =>
    setDraft((d) => {
      const representative = { ...d.representative, [name]: value };
      return { ...d, representative, hasRepresentative: Object.values(representative).some((v) => v.trim()) };
    });
  const setDocument = (index: number, originals: number, copies: number) => {
    setMissing(null);
    setDraft((d) => ({ ...d, documents: { ...d.documents, [index]: { originals, copies } } }));
  };

  const message = (key: string | undefined) => (key ? (key.startsWith('validation.') ? t(key) : key) : undefined);
  const err = (name: string) => message(errors[name]);

  const submit = (options: { ifIncomplete?: IfIncomplete; reason?: string } = {}) => {
    if (!picked) return;
    receive.mutate(
      { body: toDossierCreate(draft, picked.code, options), idempotencyKey },
      {
        onSuccess: (dossier) => {
          // Registered, not received (status 1): nothing to print yet, the dossier waits on its page.
          if (dossier.status.code === 1) {
            navigate(`/console/ho-so/${dossier.id}`);
            return;
          }
          const form = dossier.status.code === 5 ? '02' : dossier.status.code === 3 ? '03' : '01';
          navigate(`/console/ho-so/${dossier.id}/in/${form}`);
        },
        onError: (error) => {
          const details = errorDetails(error);
          if (error instanceof ApiError && error.status === 409 && details.length > 0) {
            setMissing(details);
            window.setTimeout(() => missingRef.current?.focus(), 0);
          } else if (error instanceof ApiError && error.status === 422) {
            setErrors(fieldErrors(error));
            focusFirstInvalid(formRef.current);
          }
        },
      },
    );
  };

  const documents = procedure.data?.documents ?? [];
  const mandatory = documents.map((d, i) => ({ d, i })).filter(({ d }) => d.mandatory);
  const mandatoryReceived = mandatory.filter(({ i }) => isReceived(draft.documents[i])).length;
  const feeTotal = draft.fees.reduce((sum, f) => sum + (/^\d+$/.test(f.amount.trim()) ? Number(f.amount) : 0), 0);
  // The generic error banner is for what is not already shown next to a field or in the missing-documents box.
  const showError =
    receive.isError &&
    !(receive.error instanceof ApiError && receive.error.status === 409 && errorDetails(receive.error).length > 0);

  return (
    <div className="page intake">
      <h1>{t('intake.title')}</h1>

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
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setPicked(null);
                setMissing(null);
              }}
            >
              {t('intake.change')}
            </button>
          </div>
        ) : (
          <ProcedurePicker onPick={onPick} />
        )}
      </section>

      {picked && (
        <form
          ref={formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const problems = validateIntake(draft, todayIso());
            setErrors(problems);
            if (Object.keys(problems).length > 0) {
              focusFirstInvalid(e.currentTarget);
              return;
            }
            submit();
          }}
        >
          <section className="card" aria-labelledby="intake-docs">
            <div className="page-head">
              <h2 id="intake-docs" className="step-title" ref={checklistRef} tabIndex={-1}>
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
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => {
                        setMissing(null);
                        setDraft((d) => {
                          const next = { ...d.documents };
                          for (const { d: doc, i } of mandatory) {
                            if (!isReceived(next[i])) next[i] = tickedCount(doc);
                          }
                          return { ...d, documents: next };
                        });
                      }}
                    >
                      ✓ {t('intake.tickMandatory')}
                    </button>
                  </p>
                )}
                <Checklist documents={documents} draft={draft} onChange={setDocument} />
              </>
            )}
          </section>

          <section className="card" aria-labelledby="intake-applicant">
            <h2 id="intake-applicant" className="step-title">
              <span className="step-no">3</span> {t('intake.applicant')}
            </h2>
            <PersonFields
              inputs={[
                ...identityInputs(t, { required: true, idHint: t('intake.idHint') }),
                { name: 'birth_date', label: t('dossier.birthDate'), type: 'date', min: '1900-01-01', max: todayIso() },
                {
                  name: 'phone',
                  label: t('dossier.phone'),
                  required: true,
                  hint: t('intake.phoneHint'),
                  type: 'tel',
                  inputMode: 'tel',
                  maxLength: 16,
                },
                { name: 'email', label: t('dossier.email'), type: 'email', maxLength: 254 },
                { name: 'address', label: t('dossier.address'), required: true, maxLength: 500, wide: true },
              ]}
              values={draft.applicant}
              onChange={setApplicant}
              error={(name) => err(`applicant.${name}`)}
            />
            <details
              className="collapsible"
              open={
                draft.hasRepresentative ||
                Boolean(err('representative.full_name') || err('representative.id_number') || err('representative.relation')) ||
                undefined
              }
            >
              <summary>{t('intake.representative')}</summary>
              <p className="hint">{t('intake.representativeHint')}</p>
              <PersonFields
                inputs={[
                  ...identityInputs(t, { required: false }),
                  { name: 'relation', label: t('dossier.relation'), hint: t('intake.relationHint'), maxLength: 100 },
                ]}
                values={draft.representative}
                onChange={setRepresentative}
                error={(name) => err(`representative.${name}`)}
              />
            </details>
          </section>

          <section className="card" aria-labelledby="intake-other">
            <h2 id="intake-other" className="step-title">
              <span className="step-no">4</span> {t('intake.other')}
            </h2>
            <div className="form-grid">
              <Field label={t('dossier.channel')}>
                <select
                  value={draft.channel}
                  onChange={(e) => {
                    const channel = e.target.value as Channel;
                    // Only a submission made online or by post can wait for its reception.
                    change(channel === 'in_person' ? { channel, awaitingReception: false } : { channel });
                  }}
                >
                  {CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {t(`channels.${c}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={<Req>{t('dossier.sets')}</Req>} error={err('sets_count')}>
                <input
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={50}
                  value={draft.sets_count}
                  onChange={(e) => change({ sets_count: e.target.value })}
                />
              </Field>
            </div>
            {draft.channel !== 'in_person' && (
              <div className="field awaiting-choice">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={draft.awaitingReception}
                    aria-describedby={awaitingHintId}
                    onChange={(e) => {
                      setMissing(null);
                      change({ awaitingReception: e.target.checked });
                    }}
                  />
                  <span>{t('intake.awaiting')}</span>
                </label>
                <small id={awaitingHintId} className="hint">
                  {t('intake.awaitingHint')}
                </small>
              </div>
            )}

            <fieldset>
              <legend>{t('intake.fees')}</legend>
              {draft.fees.length === 0 && <p className="muted small">{t('intake.noFees')}</p>}
              <ul className="fee-rows">
                {draft.fees.map((f, i) => (
                  <li key={i} className="fee-row">
                    <Field label={t('intake.feeDescription')} error={err(`fees.${i}.description`)} className="grow">
                      <input
                        value={f.description}
                        maxLength={500}
                        onChange={(e) =>
                          change({ fees: draft.fees.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)) })
                        }
                      />
                    </Field>
                    <Field label={t('intake.feeAmount')} error={err(`fees.${i}.amount_vnd`)} className="fee-amount">
                      <input
                        inputMode="numeric"
                        value={f.amount}
                        onChange={(e) =>
                          change({
                            fees: draft.fees.map((x, j) => (j === i ? { ...x, amount: e.target.value.replace(/[^\d]/g, '') } : x)),
                          })
                        }
                      />
                    </Field>
                    <button
                      type="button"
                      className="btn btn-small btn-danger fee-remove"
                      onClick={() => change({ fees: draft.fees.filter((_, j) => j !== i) })}
                    >
                      {t('common.delete')}
                      <span className="visually-hidden"> {f.description}</span>
                    </button>
                  </li>
                ))}
              </ul>
              <div className="fee-foot">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => change({ fees: [...draft.fees, { description: '', amount: '0' }] })}
                >
                  + {t('intake.addFee')}
                </button>
                <span>
                  {t('intake.feeTotal')}: <strong>{formatVnd(feeTotal)}</strong>
                </span>
              </div>
            </fieldset>

            <fieldset>
              <legend>{t('dossier.delivery')}</legend>
              <div className="check-group">
                {(['counter', 'post'] as const).map((v) => (
                  <label key={v} className="check">
                    <input
                      type="radio"
                      name="delivery"
                      value={v}
                      checked={draft.delivery === v}
                      onChange={() =>
                        change({
                          delivery: v,
                          delivery_address:
                            v === 'post' && !draft.delivery_address ? draft.applicant.address : draft.delivery_address,
                        })
                      }
                    />
                    {t(`delivery.${v}`)}
                  </label>
                ))}
              </div>
              {draft.delivery === 'post' && (
                <Field label={<Req>{t('dossier.deliveryAddress')}</Req>} error={err('delivery_address')}>
                  <input
                    value={draft.delivery_address}
                    maxLength={500}
                    onChange={(e) => change({ delivery_address: e.target.value })}
                  />
                </Field>
              )}
            </fieldset>
            <Field label={t('dossier.note')}>
              <textarea rows={2} maxLength={2000} value={draft.note} onChange={(e) => change({ note: e.target.value })} />
            </Field>
          </section>

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

          {missing && !awaiting && (
            <div className="card missing-box" role="alert" ref={missingRef} tabIndex={-1}>
              <h2>{t('intake.missingTitle')}</h2>
              <p>{t('intake.missingLead')}</p>
              <ul>
                {missing.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
              <Field label={t('intake.reason')} hint={t('intake.reasonHint')} error={reasonError}>
                <textarea
                  rows={2}
                  maxLength={2000}
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    setReasonError(undefined);
                  }}
                />
              </Field>
              <div className="form-actions">
                <BusyButton
                  type="button"
                  className="btn btn-primary"
                  busy={receive.isPending && receive.variables?.body.if_incomplete === 'request_supplement'}
                  disabled={receive.isPending}
                  onClick={() => submit({ ifIncomplete: 'request_supplement', reason })}
                >
                  {t('intake.requestSupplement')}
                </BusyButton>
                <BusyButton
                  type="button"
                  className="btn btn-danger"
                  busy={receive.isPending && receive.variables?.body.if_incomplete === 'refuse'}
                  disabled={receive.isPending}
                  onClick={() => {
                    if (!reason.trim()) {
                      setReasonError(t('validation.required'));
                      focusFirstInvalid(missingRef.current?.closest('form') ?? null);
                      return;
                    }
                    submit({ ifIncomplete: 'refuse', reason });
                  }}
                >
                  {t('intake.refuse')}
                </BusyButton>
                <button type="button" className="btn btn-ghost" onClick={() => setMissing(null)}>
                  {t('intake.backToChecklist')}
                </button>
              </div>
            </div>
          )}

          {showError && <ErrorNotice error={receive.error} />}
          <div className="form-actions sticky-actions">
            <BusyButton
              type="submit"
              busy={receive.isPending && receive.variables?.body.if_incomplete === 'reject'}
              disabled={receive.isPending}
              busyLabel={awaiting ? t('intake.registering') : t('intake.confirming')}
            >
              {awaiting ? t('intake.register') : t('intake.confirm')}
            </BusyButton>
          </div>
        </form>
      )}
    </div>
  );
}

/** A label with the "required" star, spoken as "bắt buộc". */
function Req({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {children}
      <span className="req" aria-hidden="true">
        {' '}
        *
      </span>
      <span className="visually-hidden"> ({t('procedure.mandatory')})</span>
    </>
  );
}

/** One input of a person's group (applicant or representative), named as the API names the field. */
interface PersonInput<K extends string> {
  name: K;
  label: string;
  required?: boolean;
  hint?: string;
  type?: 'text' | 'date' | 'tel' | 'email';
  inputMode?: 'numeric' | 'tel';
  maxLength?: number;
  min?: string;
  max?: string;
  /** Spans the whole row of the grid. */
  wide?: boolean;
}

/** The name and ID number every person of a dossier has (the applicant's are required). */
function identityInputs(
  t: TFunction,
  { required, idHint }: { required: boolean; idHint?: string },
): PersonInput<'full_name' | 'id_number'>[] {
  return [
    { name: 'full_name', label: t('dossier.fullName'), required, maxLength: 200 },
    { name: 'id_number', label: t('dossier.idNumber'), required, hint: idHint, inputMode: 'numeric', maxLength: 16 },
  ];
}

/** A person's fields in a grid, each labelled, with its hint and error (`error(name)`). */
function PersonFields<K extends string>({
  inputs,
  values,
  onChange,
  error,
}: {
  inputs: PersonInput<K>[];
  values: Record<K, string>;
  onChange: (name: K, value: string) => void;
  error: (name: K) => string | undefined;
}) {
  return (
    <div className="form-grid">
      {inputs.map((f) => (
        <Field
          key={f.name}
          label={f.required ? <Req>{f.label}</Req> : f.label}
          hint={f.hint}
          error={error(f.name)}
          className={f.wide ? 'field-wide' : undefined}
        >
          <input
            type={f.type}
            value={values[f.name]}
            inputMode={f.inputMode}
            autoComplete={f.type === 'date' ? undefined : 'off'}
            maxLength={f.maxLength}
            min={f.min}
            max={f.max}
            onChange={(e) => onChange(f.name, e.target.value)}
          />
        </Field>
      ))}
    </div>
  );
}

function Checklist({
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
