import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import type { WorkItem } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { NotFoundPage } from '../../components/NotFound';
import { Pagination } from '../../components/Pagination';
import { Loading, Spinner } from '../../components/Spinner';
import { RequireRole } from '../auth/RequireAuth';
import { useStaffDirectory } from '../staff/queries';
import { AssignDialog } from './AssignDialog';
import { useStaffWork, WORK_PAGE_SIZE } from './queries';
import { sortByStepDue } from './urgency';
import { useWorkTabPage } from './useWorkTabPage';
import { WorkTable } from './WorkTable';
import { WorkTabs } from './WorkTabs';

function StaffWork({ staffId }: { staffId: number }) {
  const { t } = useTranslation();
  const { tab, page, go } = useWorkTabPage();
  const work = useStaffWork(staffId, tab, page);
  const directory = useStaffDirectory();
  const name = directory.data?.find((s) => s.id === staffId)?.full_name;
  const [assigning, setAssigning] = useState<WorkItem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done !== null) noticeRef.current?.focus();
  }, [done]);


  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to="/console/dieu-hanh">← {t('staffWork.back')}</Link>
      </nav>
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {name ? t('staffWork.title', { name }) : t('staffWork.titleUnknown')}
        </h1>
        {work.isFetching && <Spinner />}
      </div>
      <p className="lead">{t('staffWork.lead')}</p>

      <WorkTabs
        tab={tab}
        counts={work.data?.counts}
        onTab={(k) => {
          setDone(null);
          go({ tab: k });
        }}
      />

      <div ref={noticeRef} tabIndex={-1}>
        {done !== null && <SuccessNotice>{t('assign.done', { name: done })}</SuccessNotice>}
      </div>

      {work.isPending ? (
        <Loading />
      ) : work.error instanceof ApiError && work.error.status === 404 ? (
        <p className="empty">{t('staffWork.notFound')}</p>
      ) : work.isError ? (
        <ErrorNotice error={work.error} onRetry={() => void work.refetch()} />
      ) : work.data.items.length === 0 ? (
        <p className="empty">{t(`staffWork.empty.${tab}`)}</p>
      ) : (
        <div className="work-results" aria-busy={work.isPlaceholderData || undefined}>
          <p className="result-count" aria-live="polite">
            {t('work.count', { count: work.data.total })}
          </p>
          <WorkTable
            items={sortByStepDue(work.data.items)}
            caption={name ? t('staffWork.title', { name }) : t('staffWork.titleUnknown')}
            action={(w) => (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setDone(null);
                  setAssigning(w);
                }}
              >
                {t('board.reassign')}
                <span className="visually-hidden"> {w.dossier_code}</span>
              </button>
            )}
          />
          <Pagination
            page={page}
            size={WORK_PAGE_SIZE}
            total={work.data.total}
            onPage={(p) => {
              go({ page: p });
              headingRef.current?.focus();
            }}
          />
        </div>
      )}

      {assigning && (
        <AssignDialog
          dossierId={assigning.dossier_id}
          dossierCode={assigning.dossier_code}
          onClose={() => setAssigning(null)}
          onDone={(person) => {
            setAssigning(null);
            setDone(person);
          }}
        />
      )}
    </div>
  );
}

/** `/console/dieu-hanh/can-bo/:id`: one officer's open steps, from the leader's board, each one to reassign. */
export default function StaffWorkPage() {
  const { id } = useParams();
  const staffId = Number(id);
  return (
    <RequireRole roles={['leader']}>
      {Number.isInteger(staffId) && staffId > 0 ? <StaffWork staffId={staffId} /> : <NotFoundPage />}
    </RequireRole>
  );
}
