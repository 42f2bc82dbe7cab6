import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/errors';
import { STEP_KINDS, type ProcessTemplate, type StepKind } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { focusFirstInvalid } from '../../components/focus';
import { NotFoundPage } from '../../components/NotFound';
import { Loading } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { localName } from '../../lib/format';
import { useIsAdmin } from '../auth/session';
import { useDepartments, useSectors } from '../units/queries';
import { useDeleteTemplate, useEffectivePlan, useSaveTemplate, useTemplate } from './queries';
import { StepsTable, Warnings } from './TemplatesPage';
import { draftTotalMinutes, newStepDraft, stepDraftsOf, stepsBody, validateSteps, type StepDraft } from './templateDraft';
import { formatHours, HOUR_STEP } from './hours';
import { PROCEDURE_CODE } from '../procedures/procedureCodes';

/** Step names the center uses most (the built-in chain); any other may be typed. */
const STEP_NAMES = ['Tiếp nhận', 'Chuyên viên xử lý', 'Lãnh đạo phê duyệt', 'Trả kết quả'];

const DEFAULT_STEPS: StepDraft[] = [
  { name: 'Tiếp nhận', kind: 'reception', departmentId: null, hours: '1' },
  { name: 'Chuyên viên xử lý', kind: 'specialist', departmentId: null, hours: '8' },
  { name: 'Lãnh đạo phê duyệt', kind: 'leader', departmentId: null, hours: '4' },
  { name: 'Trả kết quả', kind: 'return', departmentId: null, hours: '2' },
];

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** The ordered steps, one card each: name, who performs it, department, budget in hours (quarters). */
function StepsEditor({
  steps,
  onChange,
  errors,
}: {
  steps: StepDraft[];
  onChange: (steps: StepDraft[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const base = useId();
  const departments = useDepartments();
  const set = (i: number, patch: Partial<StepDraft>) => onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const label = (i: number) => `${t('templates.step')} ${i + 1}`;
  const control = (i: number, key: string) => {
    const error = errors[`steps.${i}.${key}`];
    return {
      id: `${base}-${i}-${key}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${base}-${i}-${key}-error` : undefined,
    };
  };
  const errorOf = (i: number, key: string) => {
    const error = errors[`steps.${i}.${key}`];
    return error ? (
      <small id={`${base}-${i}-${key}-error`} className="field-error">
        {error}
      </small>
    ) : null;
  };

  return (
    <fieldset className="rows-editor">
      <legend>{t('templates.steps')}</legend>
      {errors.steps && <p className="field-error">{errors.steps}</p>}
      <ol className="rows">
        {steps.map((s, i) => (
          <li key={i} className="row-card">
            <div className="row-head">
              <strong>{label(i)}</strong>
              <div className="row-buttons">
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  disabled={i === 0}
                  onClick={() => onChange(move(steps, i, i - 1))}
                  aria-label={`${t('procedures.moveUp')} ${label(i)}`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  disabled={i === steps.length - 1}
                  onClick={() => onChange(move(steps, i, i + 1))}
                  aria-label={`${t('procedures.moveDown')} ${label(i)}`}
                >
                  ↓
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => onChange(steps.filter((_, j) => j !== i))}>
                  {t('common.delete')}
                  <span className="visually-hidden"> {label(i)}</span>
                </button>
              </div>
            </div>
            <div className="row-fields">
              <div className={`field field-wide${errors[`steps.${i}.name`] ? ' field-invalid' : ''}`}>
                <label htmlFor={`${base}-${i}-name`}>{t('templates.stepName')}</label>
                <input
                  {...control(i, 'name')}
                  list={`${base}-names`}
                  maxLength={200}
                  autoComplete="off"
                  value={s.name}
                  onChange={(e) => set(i, { name: e.target.value })}
                />
                {errorOf(i, 'name')}
              </div>
              <div className="field">
                <label htmlFor={`${base}-${i}-kind`}>{t('templates.kind')}</label>
                <select {...control(i, 'kind')} value={s.kind} onChange={(e) => set(i, { kind: e.target.value as StepKind })}>
                  {STEP_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`stepKinds.${k}`)}
                    </option>
                  ))}
                </select>
                {errorOf(i, 'kind')}
              </div>
              <div className={`field${errors[`steps.${i}.department_id`] ? ' field-invalid' : ''}`}>
                <label htmlFor={`${base}-${i}-department_id`}>{t('templates.department')}</label>
                <select
                  {...control(i, 'department_id')}
                  value={s.departmentId ?? ''}
                  onChange={(e) => set(i, { departmentId: e.target.value ? Number(e.target.value) : null })}
                >
                  <option value="">{t('templates.anyDepartment')}</option>
                  {departments.data
                    ?.filter((d) => d.is_active || d.id === s.departmentId)
                    .map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                </select>
                {errorOf(i, 'department_id')}
              </div>
              <div className={`field${errors[`steps.${i}.budget_minutes`] ? ' field-invalid' : ''}`}>
                <label htmlFor={`${base}-${i}-budget_minutes`}>{t('templates.hours')}</label>
                <input
                  {...control(i, 'budget_minutes')}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step={HOUR_STEP}
                  value={s.hours}
                  onChange={(e) => set(i, { hours: e.target.value })}
                />
                {errorOf(i, 'budget_minutes')}
              </div>
            </div>
          </li>
        ))}
      </ol>
      <p className="hint">{t('templates.hoursHint')}</p>
      <button type="button" className="btn btn-small" onClick={() => onChange([...steps, newStepDraft()])}>
        + {t('templates.addStep')}
      </button>
      <datalist id={`${base}-names`}>
        {STEP_NAMES.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </fieldset>
  );
}

/** Total of the budgets against the procedure's legal time, as it is typed. */
function BudgetSummary({ totalMinutes, procedureCode }: { totalMinutes: number; procedureCode: string | null }) {
  const { t, i18n } = useTranslation();
  const plan = useEffectivePlan(procedureCode);
  const legal = plan.data?.legal_minutes ?? null;
  const hours = (m: number) => t('templates.hoursValue', { hours: formatHours(m, i18n.language) });
  const over = legal !== null && totalMinutes > legal;
  return (
    <div className={`due-strip${over ? ' due-strip-overdue' : ''}`} aria-live="polite">
      <div>
        <span className="muted small">{t('templates.total')}</span>
        <strong>{hours(totalMinutes)}</strong>
      </div>
      {procedureCode && plan.isSuccess && (
        <div>
          <span className="muted small">{t('templates.legal')}</span>
          <strong>{legal === null ? t('templates.noLegal') : hours(legal)}</strong>
        </div>
      )}
      {legal !== null && (
        <div>
          {over ? (
            <span className="remaining remaining-overdue">
              ⚠ {t('templates.overLegal', { hours: formatHours(totalMinutes - legal, i18n.language) })}
            </span>
          ) : (
            <span className="ok-text">✓ {t('templates.withinLegal')}</span>
          )}
        </div>
      )}
    </div>
  );
}

function TemplateForm({ template }: { template: ProcessTemplate | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const save = useSaveTemplate();
  const remove = useDeleteTemplate();
  const sectors = useSectors();
  const [name, setName] = useState(template?.name ?? '');
  const [scope, setScope] = useState<'procedure' | 'sector'>(template?.sector_id ? 'sector' : 'procedure');
  const [code, setCode] = useState(template?.procedure_code ?? '');
  const [sectorId, setSectorId] = useState<number | null>(template?.sector_id ?? null);
  const [steps, setSteps] = useState<StepDraft[]>(() => (template ? stepDraftsOf(template) : DEFAULT_STEPS));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(Boolean((location.state as { saved?: boolean } | null)?.saved));
  const savedRef = useRef<HTMLDivElement>(null);
  const server = fieldErrors(save.error);
  const all = { ...server, ...errors };
  const validCode = PROCEDURE_CODE.test(code.trim()) ? code.trim() : null;

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = {};
        if (!name.trim()) problems.name = t('validation.required');
        if (!template && scope === 'procedure' && !validCode) problems.procedure_code = t('templates.codeInvalid');
        if (!template && scope === 'sector' && sectorId === null) problems.sector_id = t('templates.sectorRequired');
        for (const [k, v] of Object.entries(validateSteps(steps))) problems[k] = t(v);
        setErrors(problems);
        setSaved(false);
        const form = e.currentTarget;
        if (Object.keys(problems).length > 0) {
          focusFirstInvalid(form);
          return;
        }
        const body = { name: name.trim(), steps: stepsBody(steps) };
        save.mutate(
          template
            ? { id: template.id, body }
            : {
                id: null,
                body: {
                  ...body,
                  procedure_code: scope === 'procedure' ? validCode : null,
                  sector_id: scope === 'sector' ? sectorId : null,
                },
              },
          {
            onSuccess: (tpl) => {
              if (template) setSaved(true);
              else navigate(`/console/quy-trinh/${tpl.id}`, { replace: true, state: { saved: true } });
            },
            onError: () => focusFirstInvalid(form),
          },
        );
      }}
    >
      <div ref={savedRef} tabIndex={-1}>
        {saved && <SuccessNotice>{t('templates.saved')}</SuccessNotice>}
      </div>
      <div className="form-grid">
        <Field label={t('templates.name')} error={all.name} className="field-wide">
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </Field>
      </div>
      {template ? (
        <p>
          <strong>{t('templates.appliesTo')}:</strong>{' '}
          {template.procedure_code
            ? `${t('templates.forProcedure', { code: template.procedure_code })}${template.procedure_name ? ` — ${template.procedure_name}` : ''}`
            : t('templates.forSector', { name: template.sector_name ?? '' })}
        </p>
      ) : (
        <>
          <fieldset className="check-group">
            <legend>{t('templates.scope')}</legend>
            <label className="check">
              <input type="radio" name="scope" checked={scope === 'procedure'} onChange={() => setScope('procedure')} />
              {t('templates.scopeProcedure')}
            </label>
            <label className="check">
              <input type="radio" name="scope" checked={scope === 'sector'} onChange={() => setScope('sector')} />
              {t('templates.scopeSector')}
            </label>
          </fieldset>
          <div className="form-grid">
            {scope === 'procedure' ? (
              <Field label={t('templates.procedureCode')} hint={t('templates.procedureCodeHint')} error={all.procedure_code}>
                <input value={code} inputMode="decimal" autoComplete="off" spellCheck={false} onChange={(e) => setCode(e.target.value)} />
              </Field>
            ) : (
              <Field label={t('templates.sector')} error={all.sector_id}>
                <select value={sectorId ?? ''} onChange={(e) => setSectorId(e.target.value ? Number(e.target.value) : null)}>
                  <option value="">{t('templates.pickSector')}</option>
                  {sectors.data?.map((s) => (
                    <option key={s.id} value={s.id}>
                      {localName(s, i18n.language)}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </div>
        </>
      )}

      <StepsEditor steps={steps} onChange={setSteps} errors={all} />
      <BudgetSummary
        totalMinutes={draftTotalMinutes(steps)}
        procedureCode={template ? template.procedure_code : scope === 'procedure' ? validCode : null}
      />
      {template && <Warnings warnings={template.warnings} total={template.warnings_total} />}
      <ErrorNotice error={save.error instanceof ApiError && save.error.status === 422 && Object.keys(server).length > 0 ? null : save.error} />
      <ErrorNotice error={remove.error} />
      <div className="form-actions">
        <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')}>
          {t('templates.save')}
        </BusyButton>
        <Link to="/console/quy-trinh" className="btn">
          {t('common.cancel')}
        </Link>
        {template && (
          <BusyButton
            type="button"
            className="btn btn-danger"
            busy={remove.isPending}
            onClick={() => {
              if (!window.confirm(t('templates.confirmDelete', { name: template.name }))) return;
              remove.mutate(template.id, { onSuccess: () => navigate('/console/quy-trinh', { replace: true }) });
            }}
          >
            {t('templates.delete')}
          </BusyButton>
        )}
      </div>
    </form>
  );
}

/** A template read by someone who may not edit it. */
function TemplateView({ template }: { template: ProcessTemplate }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p>
        <strong>{t('templates.appliesTo')}:</strong>{' '}
        {template.procedure_code
          ? `${t('templates.forProcedure', { code: template.procedure_code })}${template.procedure_name ? ` — ${template.procedure_name}` : ''}`
          : t('templates.forSector', { name: template.sector_name ?? '' })}
      </p>
      <StepsTable steps={template.steps} caption={t('templates.steps')} />
      <p>
        <strong>{t('templates.total')}:</strong>{' '}
        {t('templates.hoursValue', { hours: formatHours(template.total_minutes, i18n.language) })}
      </p>
      <Warnings warnings={template.warnings} total={template.warnings_total} />
      <p className="muted small">{t('templates.readOnly')}</p>
    </>
  );
}

/** `/console/quy-trinh/moi` and `/console/quy-trinh/:id`: the editor (admins) or the template (others). */
export default function TemplateEditPage() {
  const { t } = useTranslation();
  const { id: idParam } = useParams();
  const isNew = idParam === undefined || idParam === 'moi';
  const id = isNew ? null : Number(idParam);
  const isAdmin = useIsAdmin();
  const template = useTemplate(id);

  if (!isNew && (!Number.isInteger(id) || (id ?? 0) <= 0)) return <NotFoundPage />;
  if (isNew && !isAdmin)
    return (
      <div className="notice notice-error" role="alert">
        {t('errors.status.403')}
      </div>
    );

  let body;
  if (isNew) body = <TemplateForm template={null} />;
  else if (template.isPending) body = <Loading />;
  else if (template.error instanceof ApiError && template.error.status === 404) return <NotFoundPage />;
  else if (template.isError) body = <ErrorNotice error={template.error} onRetry={() => void template.refetch()} />;
  else body = isAdmin ? <TemplateForm key={template.data.id} template={template.data} /> : <TemplateView template={template.data} />;

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to="/console/quy-trinh">← {t('templates.back')}</Link>
      </nav>
      <h1>{isNew ? t('templates.add') : isAdmin ? t('templates.edit') : t('templates.view')}</h1>
      {body}
    </div>
  );
}
