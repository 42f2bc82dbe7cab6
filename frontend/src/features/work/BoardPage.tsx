import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import type { BoardStaff, DossierSummary } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Loading, Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import { RequireRole } from '../auth/RequireAuth';
import { RemainingText } from '../dossiers/RemainingText';
import { StatusTag } from '../dossiers/StatusTag';
import { pauseReason } from '../dossiers/lifecycle';
import { DOSSIER_PAGE_SIZE, useDossierList } from '../dossiers/queries';
import { useDepartments } from '../units/queries';
import { AssignDialog } from './AssignDialog';
import { useBoard } from './queries';
import { formatShare } from './workCounts';
import type { WorkTab } from './urgency';
import './work.css';
import '../dossiers/dossier-list.css';

const staffWorkPath = (id: number) => `/console/dieu-hanh/can-bo/${id}`;

const LATE = { status: [], overdue: true, dueSoon: false, q: '', page: 1 };

/** The most pressing first: overdue, then due soon, then the most open work. */
function byUrgency(a: BoardStaff, b: BoardStaff) {
  return b.overdue - a.overdue || b.due_soon - a.due_soon || b.open - a.open || a.staff.full_name.localeCompare(b.staff.full_name, 'vi');
}

function Count({ value, tone }: { value: number; tone?: 'overdue' | 'due-soon' }) {
  return <span className={value > 0 && tone ? `count-cell count-${tone}` : 'count-cell'}>{value}</span>;
}

/** The officer's steps behind a count (none: the count alone). */
function StaffCount({ person, value, tab }: { person: BoardStaff['staff']; value: number; tab: WorkTab }) {
  const { t } = useTranslation();
  const tone = tab === 'overdue' ? 'overdue' : tab === 'due_soon' ? 'due-soon' : undefined;
  if (value === 0) return <Count value={0} />;
  return (
    <Link
      to={`${staffWorkPath(person.id)}${tab === 'all' ? '' : `?tab=${tab}`}`}
      className={`count-cell count-link${tone ? ` count-${tone}` : ''}`}
    >
      {value}
      <span className="visually-hidden"> {t(`board.stepsOf.${tab === 'all' ? 'open' : tab}`, { name: person.full_name })}</span>
    </Link>
  );
}

function Board() {
  const { t, i18n } = useTranslation();
  const board = useBoard();
  const departments = useDepartments();
  const late = useDossierList(LATE);
  const [assigning, setAssigning] = useState<DossierSummary | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done !== null) noticeRef.current?.focus();
  }, [done]);

  const deptName = (id: number | null) =>
    id === null ? t('board.anyDepartment') : (departments.data?.find((d) => d.id === id)?.name ?? '—');
  const share = (s: number | null) => formatShare(s, i18n.language) ?? '—';

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('board.title')}</h1>
        {board.isFetching && <Spinner />}
      </div>
      <p className="lead">{t('board.lead')}</p>

      <div ref={noticeRef} tabIndex={-1}>
        {done !== null && <SuccessNotice>{t('assign.done', { name: done })}</SuccessNotice>}
      </div>

      {board.isPending ? (
        <Loading />
      ) : board.isError ? (
        <ErrorNotice error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <>
          {board.data.unassigned > 0 && (
            <p className="notice notice-warn">
              <span>{t('board.unassignedTotal', { count: board.data.unassigned })}</span>{' '}
              <Link to="/console/hang-cho">{t('board.viewPool')}</Link>
            </p>
          )}

          <section className="card" aria-labelledby="board-staff">
            <h2 id="board-staff">{t('board.byStaff')}</h2>
            {board.data.staff.length === 0 ? (
              <p className="muted">{t('board.noStaff')}</p>
            ) : (
              <table className="data-table stack-table board-table">
                <caption className="visually-hidden">{t('board.byStaff')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('board.person')}</th>
                    <th scope="col" className="col-count">{t('board.open')}</th>
                    <th scope="col" className="col-count">{t('board.dueSoon')}</th>
                    <th scope="col" className="col-count">{t('board.overdue')}</th>
                    <th scope="col" className="col-count">{t('board.finished')}</th>
                    <th scope="col" className="col-count">{t('board.onTime')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...board.data.staff].sort(byUrgency).map((s) => (
                    <tr key={s.staff.id} className={s.overdue > 0 ? 'row-overdue' : undefined}>
                      <th scope="row" className="board-person">
                        <Link to={staffWorkPath(s.staff.id)} className="board-person-link">
                          {s.staff.full_name}
                        </Link>
                        {s.absent && <span className="tag tag-off">{t('board.absent')}</span>}
                        <div className="muted small">
                          {s.roles.map((r) => t(`roles.${r}`)).join(', ')} · {deptName(s.department_id)}
                        </div>
                      </th>
                      <td data-label={t('board.open')} className="col-count">
                        <StaffCount person={s.staff} value={s.open} tab="all" />
                      </td>
                      <td data-label={t('board.dueSoon')} className="col-count">
                        <StaffCount person={s.staff} value={s.due_soon} tab="due_soon" />
                      </td>
                      <td data-label={t('board.overdue')} className="col-count">
                        <StaffCount person={s.staff} value={s.overdue} tab="overdue" />
                      </td>
                      <td data-label={t('board.finished')} className="col-count">
                        {s.finished_this_month}
                      </td>
                      <td data-label={t('board.onTime')} className="col-count">
                        {share(s.on_time_share)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="card" aria-labelledby="board-departments">
            <h2 id="board-departments">{t('board.byDepartment')}</h2>
            <table className="data-table stack-table board-table">
              <caption className="visually-hidden">{t('board.byDepartment')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('board.department')}</th>
                  <th scope="col" className="col-count">{t('board.unassigned')}</th>
                  <th scope="col" className="col-count">{t('board.open')}</th>
                  <th scope="col" className="col-count">{t('board.dueSoon')}</th>
                  <th scope="col" className="col-count">{t('board.overdue')}</th>
                  <th scope="col" className="col-count">{t('board.finished')}</th>
                  <th scope="col" className="col-count">{t('board.onTime')}</th>
                </tr>
              </thead>
              <tbody>
                {board.data.departments.map((d) => (
                  <tr key={d.department_id ?? 'none'}>
                    <th scope="row" className="board-person">
                      <strong>{d.department_id === null ? t('board.anyDepartment') : d.name}</strong>
                      <div className="muted small">
                        {t('board.mode')}: {t(`modes.${d.assignment_mode}`)}
                      </div>
                    </th>
                    <td data-label={t('board.unassigned')} className="col-count">
                      {d.unassigned > 0 ? (
                        <Link
                          to={d.department_id === null ? '/console/hang-cho' : `/console/hang-cho?phong=${d.department_id}`}
                          className="count-cell count-link count-due-soon"
                        >
                          {d.unassigned}
                        </Link>
                      ) : (
                        <Count value={0} />
                      )}
                    </td>
                    <td data-label={t('board.open')} className="col-count">
                      <Count value={d.open} />
                    </td>
                    <td data-label={t('board.dueSoon')} className="col-count">
                      <Count value={d.due_soon} tone="due-soon" />
                    </td>
                    <td data-label={t('board.overdue')} className="col-count">
                      <Count value={d.overdue} tone="overdue" />
                    </td>
                    <td data-label={t('board.finished')} className="col-count">
                      {d.finished_this_month}
                    </td>
                    <td data-label={t('board.onTime')} className="col-count">
                      {share(d.on_time_share)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}

      <section className="card" aria-labelledby="board-late">
        <div className="page-head">
          <h2 id="board-late">{t('board.lateTitle')}</h2>
          {late.isFetching && <Spinner />}
        </div>
        <p className="muted">{t('board.lateLead')}</p>
        {late.isPending ? (
          <Loading />
        ) : late.isError ? (
          <ErrorNotice error={late.error} onRetry={() => void late.refetch()} />
        ) : late.data.items.length === 0 ? (
          <p className="empty">{t('board.lateEmpty')}</p>
        ) : (
          <>
            <table className="data-table stack-table dossier-table late-table">
              <caption className="visually-hidden">{t('board.lateTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dossier.code')}</th>
                  <th scope="col">{t('dossier.status')}</th>
                  <th scope="col">{t('dossier.dueAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {late.data.items.map((d) => (
                  <tr key={d.id} className="row-overdue">
                    <td data-label={t('dossier.code')} className="code dossier-code">
                      <Link to={`/console/ho-so/${d.id}`}>{d.code}</Link>
                      <div className="small">{d.applicant_name}</div>
                    </td>
                    <td data-label={t('dossier.status')}>
                      <StatusTag status={d.status} />
                      {d.current_step && <div className="muted small">{d.current_step}</div>}
                    </td>
                    <td data-label={t('dossier.dueAt')} className="dossier-due">
                      <div className="nowrap code">{d.due_at ? formatDateTime(d.due_at) : '—'}</div>
                      <RemainingText remaining={d.remaining} paused={pauseReason(d)} punctuality={d.punctuality} />
                    </td>
                    <td className="actions">
                      {d.current_step && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => {
                            setDone(null);
                            setAssigning(d);
                          }}
                        >
                          {t('board.reassign')}
                          <span className="visually-hidden"> {d.code}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {late.data.total > DOSSIER_PAGE_SIZE && (
              <p>
                <Link to="/console/ho-so?overdue=1">{t('board.lateMore', { count: late.data.total })}</Link>
              </p>
            )}
          </>
        )}
      </section>

      {assigning && (
        <AssignDialog
          dossierId={assigning.id}
          dossierCode={assigning.code}
          onClose={() => setAssigning(null)}
          onDone={(name) => {
            setAssigning(null);
            setDone(name);
          }}
        />
      )}
    </div>
  );
}

/** `/console/dieu-hanh`: the leader's board. */
export default function BoardPage() {
  return (
    <RequireRole roles={['leader']}>
      <Board />
    </RequireRole>
  );
}
