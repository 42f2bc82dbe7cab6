import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useSearchParams } from 'react-router';
import type { WorkItem } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Pagination } from '../../components/Pagination';
import { Loading, Spinner } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { hasRole, useSession } from '../auth/session';
import { useDepartments } from '../units/queries';
import { AssignDialog, RefusalNotice } from './AssignDialog';
import { useClaim, usePool, WORK_PAGE_SIZE } from './queries';
import { sortByStepDue } from './urgency';
import { WorkTable } from './WorkTable';

type Notice = { kind: 'claimed'; code: string } | { kind: 'assigned'; name: string };

/** `/console/hang-cho`: steps nobody holds; "Nhận xử lý" takes one (it then shows in My work). */
export default function PoolPage() {
  const { t } = useTranslation();
  const me = useSession();
  const isLeader = hasRole(me, 'leader');
  const [params, setParams] = useSearchParams();
  const departmentId = Number(params.get('phong')) || null;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pool = usePool(departmentId, page);
  const departments = useDepartments();
  const claim = useClaim();
  const [assigning, setAssigning] = useState<WorkItem | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (notice || claim.isError) noticeRef.current?.focus();
  }, [notice, claim.isError]);

  const go = (next: { departmentId?: number | null; page?: number }) =>
    setParams(
      () => {
        const p = new URLSearchParams();
        const dep = next.departmentId === undefined ? departmentId : next.departmentId;
        if (dep) p.set('phong', String(dep));
        if ((next.page ?? 1) > 1) p.set('page', String(next.page));
        return p;
      },
      { replace: true },
    );

  return (
    <div className="page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('pool.title')}
        </h1>
      </div>
      <p className="lead">{isLeader ? t('pool.leadLeader') : t('pool.lead')}</p>

      <div className="toolbar">
        <Field label={t('pool.department')}>
          <select
            value={departmentId ?? ''}
            onChange={(e) => go({ departmentId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">{t('pool.allDepartments')}</option>
            {departments.data
              ?.filter((d) => d.is_active)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>
        </Field>
        {pool.isFetching && <Spinner />}
      </div>

      <div ref={noticeRef} tabIndex={-1}>
        {notice?.kind === 'claimed' && (
          <SuccessNotice>
            {t('pool.claimed', { code: notice.code })} <Link to="/console/viec-cua-toi">{t('pool.toMyWork')}</Link>
          </SuccessNotice>
        )}
        {notice?.kind === 'assigned' && <SuccessNotice>{t('assign.done', { name: notice.name })}</SuccessNotice>}
        {claim.isError && <RefusalNotice error={claim.error} />}
      </div>

      {pool.isPending ? (
        <Loading />
      ) : pool.isError ? (
        <ErrorNotice error={pool.error} onRetry={() => void pool.refetch()} />
      ) : pool.data.items.length === 0 ? (
        <p className="empty">{t('pool.empty')}</p>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {t('work.count', { count: pool.data.total })}
          </p>
          <WorkTable
            items={sortByStepDue(pool.data.items)}
            caption={t('pool.title')}
            action={(w) => (
              <>
                <BusyButton
                  type="button"
                  className="btn btn-small btn-primary"
                  busy={claim.isPending && claim.variables === w.dossier_id}
                  busyLabel={t('pool.claiming')}
                  disabled={claim.isPending}
                  onClick={() => {
                    setNotice(null);
                    claim.mutate(w.dossier_id, {
                      onSuccess: () => setNotice({ kind: 'claimed', code: w.dossier_code }),
                    });
                  }}
                >
                  {t('pool.claim')}
                  <span className="visually-hidden"> {w.dossier_code}</span>
                </BusyButton>
                {isLeader && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => {
                      setNotice(null);
                      claim.reset();
                      setAssigning(w);
                    }}
                  >
                    {t('pool.assign')}
                    <span className="visually-hidden"> {w.dossier_code}</span>
                  </button>
                )}
              </>
            )}
          />
          <Pagination
            page={page}
            size={WORK_PAGE_SIZE}
            total={pool.data.total}
            onPage={(p) => {
              go({ page: p });
              headingRef.current?.focus();
            }}
          />
        </>
      )}

      {assigning && (
        <AssignDialog
          dossierId={assigning.dossier_id}
          dossierCode={assigning.dossier_code}
          onClose={() => setAssigning(null)}
          onDone={(name) => {
            setAssigning(null);
            setNotice({ kind: 'assigned', name });
          }}
        />
      )}
    </div>
  );
}
