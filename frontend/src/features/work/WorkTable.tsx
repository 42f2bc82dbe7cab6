import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import type { WorkItem } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { StatusTag } from '../dossiers/StatusTag';
import { StepRemaining } from './StepRemaining';
import { workTone } from './urgency';
import './work.css';

/**
 * Dossier steps as a table (a card per row on a phone): dossier, step, step due with the time left, the
 * dossier's appointment, and an optional action per row.
 */
export function WorkTable({
  items,
  caption,
  showHolder = false,
  action,
}: {
  items: WorkItem[];
  caption: string;
  showHolder?: boolean;
  action?: (item: WorkItem) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="data-table stack-table work-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('work.dossier')}</th>
          <th scope="col">{t('work.step')}</th>
          <th scope="col">{t('work.stepDue')}</th>
          <th scope="col">{t('work.dossierDue')}</th>
          {action && (
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((w) => {
          const tone = workTone(w);
          return (
            <tr key={w.step_id} className={tone ? `row-${tone}` : undefined}>
              <td data-label={t('work.dossier')} className="work-dossier">
                <Link to={`/console/ho-so/${w.dossier_id}`} className="code">
                  {w.dossier_code}
                </Link>
                <div>{w.applicant_name}</div>
                <div className="muted small clamp-2" title={w.procedure_name}>
                  {w.procedure_name}
                </div>
              </td>
              <td data-label={t('work.step')}>
                <strong>{w.step_name}</strong>
                <div>
                  <StatusTag status={w.status} />
                </div>
                {showHolder && (
                  <div className="muted small">
                    {t('work.holder')}: {w.assignee?.full_name ?? t('dossier.noAssignee')}
                  </div>
                )}
              </td>
              <td data-label={t('work.stepDue')} className="work-due">
                <div className="code nowrap">{w.step_due_at ? formatDateTime(w.step_due_at) : t('work.noDue')}</div>
                <StepRemaining remaining={w.remaining} paused={w.is_paused} />
              </td>
              <td data-label={t('work.dossierDue')}>
                <span className="code nowrap">{w.dossier_due_at ? formatDateTime(w.dossier_due_at) : '—'}</span>
              </td>
              {action && <td className="actions">{action(w)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
