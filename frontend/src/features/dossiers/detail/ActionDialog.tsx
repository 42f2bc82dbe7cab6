import { useId, useRef, useState } from 'react';
import { useTranslation } from '../../../i18n';
import { ApiError, errorDetails, fieldErrors } from '../../../api/errors';
import type { DossierAction, DossierRead, PlannedStep } from '../../../api/types';
import { Field } from '../../../components/Field';
import { focusFirstInvalid } from '../../../components/focus';
import { Modal } from '../../../components/Modal';
import { BusyButton } from '../../../components/SubmitButton';
import { formatDateTime, nowLocalInput, todayIso } from '../../../lib/format';
import { CandidateOptions, RefusalNotice } from '../../work/AssignDialog';
import { useCandidates } from '../../work/queries';
import { forwardTargets } from '../../work/chain';
import { splitCandidates } from '../../work/candidates';
import {
  actionBody,
  actionFields,
  validateAction,
  type ActionField,
  type ActionValues,
  type FieldSpec,
} from '../actions';
import { useDossierAction } from '../queries';

/** Step names the center uses most, offered when the dossier's plan is not at hand; any other may be typed. */
const STEP_SUGGESTIONS = ['Chuyên viên xử lý', 'Lãnh đạo phê duyệt'];
/** The usual answer at the counter when the applicant collects the result in person (recorded as data). */
const SELF = 'Bản thân';

function initialValues(action: DossierAction, dossier: DossierRead, reason?: string): ActionValues {
  const text: ActionValues['text'] = {};
  if (reason) text.reason = reason;
  if (action === 'mark_done') text.result_date = todayIso();
  if (action === 'return_result') {
    text.collected_by = dossier.applicant.full_name;
    text.relation = SELF;
  }
  if (action === 'extend' && dossier.due_at) text.new_due_at = nowLocalInput(dossier.due_at);
  return { text, missing: [], idChecked: false };
}

/**
 * The small form of one action, with exactly the fields the workflow asks for. A 422 puts the server's
 * message next to its field; a 409 (someone else moved the dossier on) closes the form: the page reloads
 * the dossier and says so. Receiving a submission that lacks mandatory documents (409 listing them) keeps
 * the form open with the list, and offers to refuse it instead.
 */
export function ActionDialog({
  action,
  dossier,
  supplementRequests,
  planned = null,
  initialReason,
  onClose,
  onDone,
  onStale,
  onRefuseInstead,
}: {
  action: DossierAction;
  dossier: DossierRead;
  supplementRequests: number;
  /** The steps ahead in the dossier's plan (null while unknown): a forward offers them instead of free text. */
  planned?: PlannedStep[] | null;
  /** A reason to start from (a refusal at reception after a receive found documents missing). */
  initialReason?: string;
  onClose: () => void;
  onDone: (action: DossierAction) => void;
  onStale: () => void;
  /** Open the refusal at reception instead, with a reason naming the missing documents. */
  onRefuseInstead?: (reason: string) => void;
}) {
  const { t, i18n } = useTranslation();
  // A reason is printed on form 03, an official document: always in Vietnamese.
  const formT = i18n.getFixedT('vi');
  const id = useId();
  const mutation = useDossierAction(dossier.id);
  const formRef = useRef<HTMLFormElement>(null);
  const specs = actionFields(action, { delivery: dossier.delivery, supplementRequests });
  const [values, setValues] = useState<ActionValues>(() => initialValues(action, dossier, initialReason));
  const missingRef = useRef<HTMLDivElement>(null);
  // A forward goes to a later step of the plan (the next one unless another is chosen).
  const targets = action === 'forward' && planned ? forwardTargets(planned) : [];
  const target = targets.find((p) => p.name === values.text.to_step) ?? targets[0];
  // Anyone forwarding may name the officer of the next step; the server lists who may take it. The list is
  // for the plan's next step, so another target goes to auto-assignment (or its department's pool).
  const nextList = useCandidates(dossier.id, 'next', action === 'forward');
  const toStep = (target?.name ?? values.text.to_step ?? '').trim().toLowerCase();
  const toNext = nextList.data !== undefined && (!toStep || toStep === nextList.data.step_name.toLowerCase());
  const { qualified, others } = splitCandidates(toNext ? (nextList.data?.candidates ?? []) : []);
  const shown = specs.filter((s) => s.name !== 'assignee_id' || qualified.length > 0);
  const [errors, setErrors] = useState<Partial<Record<ActionField, string>>>({});
  const serverErrors = fieldErrors(mutation.error);
  const errorOf = (name: ActionField) => {
    const key = errors[name];
    return key ? t(key) : serverErrors[name];
  };
  const generalError =
    mutation.error && !(mutation.error instanceof ApiError && mutation.error.status === 422 && specs.some((s) => serverErrors[s.name]));
  // Receiving refused because mandatory documents are missing: which ones (the server's `details`).
  const missingAtReception =
    action === 'receive' && mutation.error instanceof ApiError && mutation.error.status === 409
      ? errorDetails(mutation.error)
      : [];

  const setText = (name: ActionField, value: string) => setValues((v) => ({ ...v, text: { ...v.text, [name]: value } }));
  const label = (spec: FieldSpec) => (
    <>
      {t(`actionField.${spec.name}`)}
      {spec.required && (
        <span className="req" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </>
  );

  const renderField = (spec: FieldSpec) => {
    const { name } = spec;
    const error = errorOf(name);
    switch (name) {
      case 'missing_documents':
        return (
          <fieldset key={name} className={`field${error ? ' field-invalid' : ''}`}>
            <legend>{label(spec)}</legend>
            <div className="check-list">
              {dossier.documents.map((d) => (
                <label key={d.index} className="check">
                  <input
                    type="checkbox"
                    checked={values.missing.includes(d.name)}
                    aria-invalid={error ? true : undefined}
                    onChange={(e) =>
                      setValues((v) => ({
                        ...v,
                        missing: e.target.checked ? [...v.missing, d.name] : v.missing.filter((m) => m !== d.name),
                      }))
                    }
                  />
                  <span>{d.name}</span>
                </label>
              ))}
            </div>
            <div className="field">
              <label htmlFor={`${id}-other`}>{t('actionField.missingOther')}</label>
              <textarea
                id={`${id}-other`}
                rows={2}
                value={values.text.missing_documents ?? ''}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-other-hint${error ? ` ${id}-md-err` : ''}`}
                onChange={(e) => setText(name, e.target.value)}
              />
              <small id={`${id}-other-hint`} className="hint">
                {t('actionField.missingOtherHint')}
              </small>
            </div>
            {error && (
              <small id={`${id}-md-err`} className="field-error">
                {error}
              </small>
            )}
          </fieldset>
        );
      case 'id_checked':
        return (
          <div key={name} className={`field${error ? ' field-invalid' : ''}`}>
            <label className="check">
              <input
                type="checkbox"
                checked={values.idChecked}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-id-err` : undefined}
                onChange={(e) => setValues((v) => ({ ...v, idChecked: e.target.checked }))}
              />
              {label(spec)}
            </label>
            {error && (
              <small id={`${id}-id-err`} className="field-error">
                {error}
              </small>
            )}
          </div>
        );
      case 'reason':
      case 'second_request_reason':
      case 'decision_note':
      case 'note':
        return (
          <Field key={name} label={label(spec)} error={error}>
            <textarea rows={3} maxLength={2000} value={values.text[name] ?? ''} onChange={(e) => setText(name, e.target.value)} />
          </Field>
        );
      case 'amount_vnd':
        return (
          <Field key={name} label={label(spec)} error={error}>
            <input inputMode="numeric" value={values.text[name] ?? ''} onChange={(e) => setText(name, e.target.value.replace(/\D/g, ''))} />
          </Field>
        );
      case 'new_due_at':
        return (
          <Field
            key={name}
            label={label(spec)}
            hint={dossier.due_at ? t('actionField.currentDue', { date: formatDateTime(dossier.due_at) }) : undefined}
            error={error}
          >
            <input type="datetime-local" value={values.text[name] ?? ''} onChange={(e) => setText(name, e.target.value)} />
          </Field>
        );
      case 'result_date':
        return (
          <Field key={name} label={label(spec)} error={error}>
            <input type="date" value={values.text[name] ?? ''} onChange={(e) => setText(name, e.target.value)} />
          </Field>
        );
      case 'to_step':
        return targets.length > 0 ? (
          <Field key={name} label={label(spec)} hint={t('actionField.toStepHint')} error={error}>
            <select
              value={target?.name ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, text: { ...v.text, to_step: e.target.value, assignee_id: '' } }))}
            >
              {targets.map((p) => (
                <option key={p.position} value={p.name}>
                  {p.name} ({t(`stepKinds.${p.kind}`)})
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <Field key={name} label={label(spec)} hint={t('actionField.toStepFree')} error={error}>
            <input
              list={`${id}-steps`}
              maxLength={200}
              value={values.text[name] ?? ''}
              autoComplete="off"
              onChange={(e) => setText(name, e.target.value)}
            />
          </Field>
        );
      case 'assignee_id':
        return (
          <Field key={name} label={label(spec)} hint={t('actionField.assigneeHint')} error={error}>
            <select value={values.text[name] ?? ''} onChange={(e) => setText(name, e.target.value)}>
              <option value="">{t('actionField.assigneeAuto')}</option>
              <CandidateOptions qualified={qualified} others={others} />
            </select>
          </Field>
        );
      default:
        return (
          <Field key={name} label={label(spec)} error={error}>
            <input maxLength={200} value={values.text[name] ?? ''} autoComplete="off" onChange={(e) => setText(name, e.target.value)} />
          </Field>
        );
    }
  };

  return (
    <Modal title={t(`actions.${action}`)} onClose={onClose}>
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problems = validateAction(specs, values, { dueAt: dossier.due_at });
          setErrors(problems);
          if (Object.keys(problems).length > 0) {
            focusFirstInvalid(e.currentTarget);
            return;
          }
          const text = { ...values.text };
          if (target) text.to_step = target.name;
          // An officer chosen for another step than the one now aimed at is not sent.
          if (!qualified.some((c) => String(c.staff.id) === text.assignee_id)) delete text.assignee_id;
          const sent: ActionValues = { ...values, text };
          mutation.mutate(
            { action, version: dossier.version, body: actionBody(specs, sent) },
            {
              onSuccess: () => onDone(action),
              onError: (error) => {
                // A 409 with a reason refuses the named officer; without one, the dossier changed meanwhile.
                if (error instanceof ApiError && error.status === 409 && errorDetails(error).length === 0) onStale();
                else if (action === 'receive' && error instanceof ApiError && error.status === 409) {
                  window.setTimeout(() => missingRef.current?.focus(), 0);
                } else focusFirstInvalid(formRef.current);
              },
            },
          );
        }}
      >
        <p className="muted small">
          {dossier.code} · {dossier.applicant_name}
        </p>
        {shown.map(renderField)}
        <datalist id={`${id}-steps`}>
          {STEP_SUGGESTIONS.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {missingAtReception.length > 0 ? (
          <div className="notice notice-error missing-notice" role="alert" ref={missingRef} tabIndex={-1}>
            <div>
              <strong>{t('detail.receiveMissingTitle')}</strong>
              <p>{t('detail.receiveMissingLead')}</p>
              <ul>
                {missingAtReception.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
              {onRefuseInstead && (
                <button
                  type="button"
                  className="btn btn-danger btn-small"
                  onClick={() => onRefuseInstead(formT('detail.missingReason', { list: missingAtReception.join('; ') }))}
                >
                  {t('detail.refuseInstead')}
                </button>
              )}
            </div>
          </div>
        ) : (
          generalError && <RefusalNotice error={mutation.error} />
        )}
        <div className="form-actions">
          <BusyButton type="submit" busy={mutation.isPending} busyLabel={t('actionField.submitting')}>
            {t(`actions.${action}`)}
          </BusyButton>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
