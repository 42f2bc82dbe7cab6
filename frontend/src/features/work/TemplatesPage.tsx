import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { ApiError } from '../../api/errors';
import type { BudgetWarning, TemplateStep } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Spinner } from '../../components/Spinner';
import { formatDateTime, localText } from '../../lib/format';
import { useIsAdmin } from '../auth/session';
import { useEffectivePlan, useTemplates } from './queries';
import { formatHours } from './hours';
import { PROCEDURE_CODE } from '../procedures/procedureCodes';
import './work.css';

/** The steps of a plan, read-only: name, who performs it, department, budget. */
export function StepsTable({ steps, caption }: { steps: TemplateStep[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="data-table stack-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="col-num">
            {t('chain.no')}
          </th>
          <th scope="col">{t('templates.stepName')}</th>
          <th scope="col">{t('templates.kind')}</th>
          <th scope="col">{t('templates.department')}</th>
          <th scope="col">{t('templates.hours')}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s, i) => (
          <tr key={i}>
            <td data-label={t('chain.no')} className="col-num">
              {i + 1}
            </td>
            <td data-label={t('templates.stepName')}>
              <strong>{s.name}</strong>
            </td>
            <td data-label={t('templates.kind')}>{t(`stepKinds.${s.kind}`)}</td>
            <td data-label={t('templates.department')}>{s.department_name ?? '—'}</td>
            <td data-label={t('templates.hours')} className="nowrap">
              {t('templates.hoursValue', { hours: formatHours(s.budget_minutes, i18n.language) })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Warnings({ warnings, total }: { warnings: BudgetWarning[]; total: number }) {
  const { t, i18n } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice-warn" role="status">
      <div>
        <strong>{t('templates.warnings')}</strong>
        <ul className="warning-list">
          {warnings.map((w) => (
            <li key={w.procedure_code}>{localText(w, i18n.language)}</li>
          ))}
        </ul>
        {total > warnings.length && <p className="small">{t('templates.warningsMore', { count: total - warnings.length })}</p>}
      </div>
    </div>
  );
}

/** Which steps a dossier of a procedure received now would go through, and why (template or built-in). */
function EffectiveLookup() {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const plan = useEffectivePlan(code);
  const notFound = plan.error instanceof ApiError && plan.error.status === 404;

  return (
    <section className="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('templates.lookup')}</h2>
      <p className="muted">{t('templates.lookupLead')}</p>
      <form
        className="toolbar"
        role="search"
        aria-labelledby="lookup-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const c = text.trim();
          const ok = PROCEDURE_CODE.test(c);
          setInvalid(!ok);
          if (ok) setCode(c);
        }}
      >
        <Field
          label={t('templates.procedureCode')}
          hint={t('templates.procedureCodeHint')}
          error={invalid ? t('templates.codeInvalid') : undefined}
        >
          <input value={text} inputMode="decimal" autoComplete="off" spellCheck={false} onChange={(e) => setText(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary toolbar-button">
          {t('templates.lookupSubmit')}
        </button>
        {plan.isFetching && <Spinner />}
      </form>
      {code &&
        (plan.isPending ? (
          <Loading />
        ) : notFound ? (
          <p className="notice notice-error" role="alert">
            {t('templates.notFound')}
          </p>
        ) : plan.isError ? (
          <ErrorNotice error={plan.error} onRetry={() => void plan.refetch()} />
        ) : (
          <div aria-live="polite">
            <dl className="facts">
              <div>
                <dt>{t('templates.source')}</dt>
                <dd>
                  {t(`templates.sources.${plan.data.source}`)}
                  {plan.data.template_id !== null && (
                    <>
                      {' '}
                      · <Link to={`/console/quy-trinh/${plan.data.template_id}`}>{t('templates.openTemplate')}</Link>
                    </>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('templates.total')}</dt>
                <dd>{t('templates.hoursValue', { hours: formatHours(plan.data.total_minutes, i18n.language) })}</dd>
              </div>
              <div>
                <dt>{t('templates.legal')}</dt>
                <dd>
                  {plan.data.legal_minutes === null
                    ? t('templates.noLegal')
                    : t('templates.hoursValue', { hours: formatHours(plan.data.legal_minutes, i18n.language) })}
                </dd>
              </div>
            </dl>
            <StepsTable steps={plan.data.steps} caption={t('templates.steps')} />
            <Warnings warnings={plan.data.warnings} total={plan.data.warnings.length} />
          </div>
        ))}
    </section>
  );
}

/** `/console/quy-trinh`: the center's process templates (admins edit, everyone reads) and the plan lookup. */
export default function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const templates = useTemplates();
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('templates.title')}</h1>
        {isAdmin && (
          <Link to="/console/quy-trinh/moi" className="btn btn-primary">
            + {t('templates.add')}
          </Link>
        )}
      </div>
      <p className="lead">{t('templates.lead')}</p>
      {!isAdmin && <p className="muted small">{t('templates.readOnly')}</p>}

      <section className="card" aria-labelledby="templates-list">
        <h2 id="templates-list" className="visually-hidden">
          {t('templates.title')}
        </h2>
        {templates.isPending ? (
          <Loading />
        ) : templates.isError ? (
          <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />
        ) : templates.data.length === 0 ? (
          <p className="empty">{t('templates.empty')}</p>
        ) : (
          <table className="data-table stack-table template-table">
            <caption className="visually-hidden">{t('templates.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('templates.name')}</th>
                <th scope="col">{t('templates.appliesTo')}</th>
                <th scope="col">{t('templates.steps')}</th>
                <th scope="col">{t('templates.total')}</th>
              </tr>
            </thead>
            <tbody>
              {templates.data.map((tpl) => (
                <tr key={tpl.id} className={tpl.warnings_total > 0 ? 'row-due-soon' : undefined}>
                  <td data-label={t('templates.name')}>
                    <Link to={`/console/quy-trinh/${tpl.id}`}>
                      <strong>{tpl.name}</strong>
                    </Link>
                    <div className="muted small">
                      {t('templates.updated')} {formatDateTime(tpl.updated_at)}
                    </div>
                  </td>
                  <td data-label={t('templates.appliesTo')}>
                    {tpl.procedure_code ? (
                      <>
                        <span className="code">{tpl.procedure_code}</span>
                        {tpl.procedure_name && (
                          <div className="small clamp-2" title={tpl.procedure_name}>
                            {tpl.procedure_name}
                          </div>
                        )}
                      </>
                    ) : (
                      t('templates.forSector', { name: tpl.sector_name ?? '' })
                    )}
                  </td>
                  <td data-label={t('templates.steps')}>
                    <span className="small">{tpl.steps.map((s) => s.name).join(' → ')}</span>
                  </td>
                  <td data-label={t('templates.total')} className="nowrap">
                    {t('templates.hoursValue', { hours: formatHours(tpl.total_minutes, i18n.language) })}
                    {tpl.warnings_total > 0 && (
                      <div className="remaining remaining-due-soon small">
                        ⚠ {t('templates.warnings')}: {tpl.warnings_total}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <EffectiveLookup />
    </div>
  );
}
