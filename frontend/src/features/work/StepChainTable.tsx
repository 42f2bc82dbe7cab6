import { useTranslation } from '../../i18n';
import type { StepChain } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { StepRemaining } from './StepRemaining';
import { formatHours } from './hours';
import './work.css';

/**
 * The dossier's steps: who held each, since when, its budget and due time, when it was handed on and whether
 * that was early, on time or late; the steps still ahead of the plan follow, greyed.
 */
export function StepChainTable({ chain, departmentName }: { chain: StepChain; departmentName: (id: number | null) => string | null }) {
  const { t, i18n } = useTranslation();
  const hours = (m: number) => t('chain.hours', { hours: formatHours(m, i18n.language) });
  if (chain.steps.length === 0 && chain.planned.length === 0) return <p className="muted">{t('chain.empty')}</p>;
  const next = chain.steps.length;
  return (
    <table className="data-table stack-table chain-table">
      <caption className="visually-hidden">{t('chain.title')}</caption>
      <thead>
        <tr>
          <th scope="col" className="col-num">
            {t('chain.no')}
          </th>
          <th scope="col">{t('chain.step')}</th>
          <th scope="col">{t('chain.who')}</th>
          <th scope="col">{t('chain.budget')}</th>
          <th scope="col">{t('chain.due')}</th>
          <th scope="col">{t('chain.finished')}</th>
          <th scope="col">{t('chain.progress')}</th>
        </tr>
      </thead>
      <tbody>
        {chain.steps.map((s) => {
          const open = !s.finished_at;
          return (
            <tr key={s.id} className={open ? 'row-current' : undefined} aria-current={open ? 'step' : undefined}>
              <td data-label={t('chain.no')} className="col-num">
                {s.seq}
              </td>
              <td data-label={t('chain.step')}>
                <strong>{s.name}</strong>
                <div className="muted small">
                  {t(`stepKinds.${s.kind}`)}
                  {s.department && <> · {s.department}</>}
                </div>
              </td>
              <td data-label={t('chain.who')}>
                {s.assignee ? s.assignee.full_name : <span className="muted">{t('dossier.noAssignee')}</span>}
                {s.assigned_how && <div className="muted small">{t(`chain.how.${s.assigned_how}`)}</div>}
                <div className="muted small">
                  {t('chain.received')} <span className="code">{formatDateTime(s.started_at)}</span>
                </div>
              </td>
              <td data-label={t('chain.budget')} className="nowrap">
                {hours(s.budget_minutes)}
                {s.paused_minutes > 0 && <div className="muted small">{t('chain.paused', { count: s.paused_minutes })}</div>}
              </td>
              <td data-label={t('chain.due')}>
                <div className="code nowrap">{s.due_at ? formatDateTime(s.due_at) : '—'}</div>
                {open && <StepRemaining remaining={s.remaining} paused={s.is_paused} />}
              </td>
              <td data-label={t('chain.finished')}>
                {s.finished_at ? (
                  <>
                    <span className="code nowrap">{formatDateTime(s.finished_at)}</span>
                    {s.finished_by && <div className="muted small">{s.finished_by.full_name}</div>}
                  </>
                ) : (
                  <strong>{t('chain.inProgress')}</strong>
                )}
              </td>
              <td data-label={t('chain.progress')}>
                {s.punctuality ? (
                  <span className={`tag punctuality-${s.punctuality}`}>{t(`punctuality.${s.punctuality}`)}</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          );
        })}
        {chain.planned.map((p, i) => (
          <tr key={`planned-${p.position}`} className="row-planned">
            <td data-label={t('chain.no')} className="col-num">
              {next + i + 1}
            </td>
            <td data-label={t('chain.step')}>
              <strong>{p.name}</strong>
              <div className="small">
                {t(`stepKinds.${p.kind}`)}
                {departmentName(p.department_id) && <> · {departmentName(p.department_id)}</>}
              </div>
            </td>
            <td data-label={t('chain.who')}>
              <span className="tag">{t('chain.planned')}</span>
            </td>
            <td data-label={t('chain.budget')} className="nowrap">
              {hours(p.budget_minutes)}
            </td>
            <td data-label={t('chain.due')}>—</td>
            <td data-label={t('chain.finished')}>—</td>
            <td data-label={t('chain.progress')}>—</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
