import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useSearchParams } from 'react-router';
import { STATUS_CODES } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Pagination } from '../../components/Pagination';
import { Loading, Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';
import { formatDateTime } from '../../lib/format';
import { hasRole, useSession } from '../auth/session';
import { RemainingText } from './RemainingText';
import { StatusTag } from './StatusTag';
import { pauseReason, remainingTone } from './lifecycle';
import { DOSSIER_PAGE_SIZE, useDossierList, type DossierFilter } from './queries';
import './dossier-list.css';

/** "Mới (chưa tiếp nhận)": submitted online or by post, not received yet. */
const AWAITING = 1;

/** The filter lives in the address, so that going back from a dossier restores the list as it was. */
function filterFrom(params: URLSearchParams): DossierFilter {
  return {
    status: params
      .getAll('status')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= 10),
    overdue: params.get('overdue') === '1',
    dueSoon: params.get('due_soon') === '1',
    q: params.get('q') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

export default function DossierListPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const [text, setText] = useState(filter.q);
  const q = useDebounced(text, 300);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const update = (change: (next: URLSearchParams) => void, keepPage = false) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        if (!keepPage) next.delete('page');
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (q === (params.get('q') ?? '')) return;
    update((next) => (q.trim() ? next.set('q', q) : next.delete('q')));
    // Only a new debounced text changes the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const list = useDossierList({ ...filter, q: params.get('q') ?? '' });
  const toggleStatus = (code: number, on: boolean) =>
    update((next) => {
      const codes = new Set(next.getAll('status').map(Number));
      if (on) codes.add(code);
      else codes.delete(code);
      next.delete('status');
      [...codes].sort((a, b) => a - b).forEach((c) => next.append('status', String(c)));
    });
  const toggleFlag = (name: 'overdue' | 'due_soon', on: boolean) =>
    update((next) => (on ? next.set(name, '1') : next.delete(name)));
  const anyFilter = filter.status.length > 0 || filter.overdue || filter.dueSoon || filter.q.trim() !== '';

  return (
    <div className="page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('list.title')}
        </h1>
        {hasRole(me, 'receptionist') && (
          <Link to="/console/tiep-nhan" className="btn btn-primary">
            + {t('nav.intake')}
          </Link>
        )}
      </div>

      <div className="toolbar dossier-filters">
        <Field label={t('list.search')} className="grow">
          <input type="search" value={text} autoComplete="off" spellCheck={false} onChange={(e) => setText(e.target.value)} />
        </Field>
        <div className="quick-filters" role="group" aria-label={t('list.quick')}>
          {/* Submissions registered online or by post that wait to be received at the counter (status 1). */}
          <label className="check chip chip-awaiting">
            <input
              type="checkbox"
              checked={filter.status.includes(AWAITING)}
              onChange={(e) => toggleStatus(AWAITING, e.target.checked)}
            />
            {t('list.awaiting')}
          </label>
          <label className="check chip chip-overdue">
            <input type="checkbox" checked={filter.overdue} onChange={(e) => toggleFlag('overdue', e.target.checked)} />
            {t('list.overdue')}
          </label>
          <label className="check chip chip-due-soon">
            <input type="checkbox" checked={filter.dueSoon} onChange={(e) => toggleFlag('due_soon', e.target.checked)} />
            {t('list.dueSoon')}
          </label>
        </div>
        {list.isFetching && <Spinner />}
      </div>
      <details className="status-filter" open={filter.status.length > 0 || undefined}>
        <summary>
          {t('list.status')}:{' '}
          {filter.status.length === 0 ? t('common.all') : filter.status.map((c) => t(`status.${c}`)).join(', ')}
        </summary>
        <fieldset className="plain check-group">
          <legend className="visually-hidden">{t('list.status')}</legend>
          {STATUS_CODES.map((code) => (
            <label key={code} className="check chip">
              <input
                type="checkbox"
                checked={filter.status.includes(code)}
                onChange={(e) => toggleStatus(code, e.target.checked)}
              />
              {t(`status.${code}`)}
            </label>
          ))}
        </fieldset>
      </details>
      {anyFilter && (
        <p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setText('');
              setParams({}, { replace: true });
            }}
          >
            {t('list.clear')}
          </button>
        </p>
      )}

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="empty">{t('list.empty')}</p>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {t('list.count', { count: list.data.total })}
          </p>
          <table className="data-table stack-table dossier-table">
            <caption className="visually-hidden">{t('list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dossier.code')}</th>
                <th scope="col">{t('dossier.applicant')}</th>
                <th scope="col">{t('dossier.procedure')}</th>
                <th scope="col">{t('dossier.status')}</th>
                <th scope="col">{t('dossier.dueAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => {
                const tone = d.is_paused ? 'paused' : remainingTone(d.remaining);
                const awaiting = d.status.code === AWAITING;
                return (
                  <tr key={d.id} className={tone ? `row-${tone}` : undefined}>
                    <td data-label={t('dossier.code')} className="code dossier-code">
                      <Link to={`/console/ho-so/${d.id}`}>{d.code}</Link>
                      <div className="muted small">
                        {awaiting
                          ? t('list.submitted', { date: formatDateTime(d.received_at) })
                          : t('list.received', { date: formatDateTime(d.received_at) })}
                      </div>
                    </td>
                    <td data-label={t('dossier.applicant')}>{d.applicant_name}</td>
                    <td data-label={t('dossier.procedure')}>
                      <span className="clamp-2" title={d.procedure_name}>
                        {d.procedure_name}
                      </span>
                    </td>
                    <td data-label={t('dossier.status')}>
                      <StatusTag status={d.status} />
                      {d.current_step && <div className="muted small">{d.current_step}</div>}
                    </td>
                    <td data-label={t('dossier.dueAt')} className="dossier-due">
                      {awaiting && !d.due_at ? (
                        <span className="muted small">{t('dossier.awaitingDue')}</span>
                      ) : (
                        <>
                          <div className="nowrap code">{d.due_at ? formatDateTime(d.due_at) : '—'}</div>
                          <RemainingText
                            remaining={d.remaining}
                            paused={pauseReason(d)}
                            punctuality={d.punctuality}
                          />
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pagination
            page={filter.page}
            size={DOSSIER_PAGE_SIZE}
            total={list.data.total}
            onPage={(p) => {
              update((next) => next.set('page', String(p)), true);
              headingRef.current?.focus();
            }}
          />
        </>
      )}
    </div>
  );
}
