import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/errors';
import type { DossierAction, DossierRead } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { focusFirstInvalid } from '../../components/focus';
import { Modal } from '../../components/Modal';
import { BusyButton } from '../../components/SubmitButton';
import { formatDateTime, nowLocalInput, todayIso } from '../../lib/format';
import {
  actionBody,
  actionFields,
  validateAction,
  type ActionField,
  type ActionValues,
  type FieldSpec,
} from './lifecycle';
import { useDossierAction } from './queries';

/** Step names the center uses most; any other name may be typed. */
const STEP_SUGGESTIONS = ['Chuyên viên xử lý', 'Lãnh đạo phê duyệt', 'Trả kết quả'];
/** The usual answer at the counter when the applicant collects the result in person (recorded as data). */
const SELF = 'Bản thân';

function initialValues(action: DossierAction, dossier: DossierRead): ActionValues {
  const text: ActionValues['text'] = {};
  if (action === 'forward' && dossier.current_step === 'Tiếp nhận') text.to_step = STEP_SUGGESTIONS[0];
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
 * the dossier and says so.
 */
export function ActionDialog({
  action,
  dossier,
  supplementRequests,
  onClose,
  onDone,
  onStale,
}: {
  action: DossierAction;
  dossier: DossierRead;
  supplementRequests: number;
  onClose: () => void;
  onDone: (action: DossierAction) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useDossierAction(dossier.id);
  const formRef = useRef<HTMLFormElement>(null);
  const specs = actionFields(action, { delivery: dossier.delivery, supplementRequests });
  const [values, setValues] = useState<ActionValues>(() => initialValues(action, dossier));
  const [errors, setErrors] = useState<Partial<Record<ActionField, string>>>({});
  const serverErrors = fieldErrors(mutation.error);
  const errorOf = (name: ActionField) => {
    const key = errors[name];
    return key ? t(key) : serverErrors[name];
  };
  const generalError =
    mutation.error && !(mutation.error instanceof ApiError && mutation.error.status === 422 && specs.some((s) => serverErrors[s.name]));

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
        return (
          <Field key={name} label={label(spec)} hint={t('actionField.toStepHint')} error={error}>
            <input
              list={`${id}-steps`}
              maxLength={200}
              value={values.text[name] ?? ''}
              autoComplete="off"
              onChange={(e) => setText(name, e.target.value)}
            />
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
          mutation.mutate(
            { action, version: dossier.version, body: actionBody(specs, values) },
            {
              onSuccess: () => onDone(action),
              onError: (error) => {
                if (error instanceof ApiError && error.status === 409) onStale();
                else focusFirstInvalid(formRef.current);
              },
            },
          );
        }}
      >
        <p className="muted small">
          {dossier.code} · {dossier.applicant_name}
        </p>
        {specs.map(renderField)}
        <datalist id={`${id}-steps`}>
          {STEP_SUGGESTIONS.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {generalError && <ErrorNotice error={mutation.error} />}
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
