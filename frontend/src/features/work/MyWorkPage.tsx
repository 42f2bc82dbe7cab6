import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Pagination } from '../../components/Pagination';
import { Loading, Spinner } from '../../components/Spinner';
import { useMyWork, WORK_PAGE_SIZE } from './queries';
import { sortByStepDue } from './urgency';
import { useWorkTabPage } from './useWorkTabPage';
import { WorkTable } from './WorkTable';
import { WorkTabs } from './WorkTabs';

/** `/console/viec-cua-toi`: the steps I hold, the earliest due first, with All / Due soon / Overdue tabs. */
export default function MyWorkPage() {
  const { t } = useTranslation();
  const { tab, page, go } = useWorkTabPage();
  const work = useMyWork(tab, page);
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <div className="page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('work.title')}
        </h1>
        {work.isFetching && <Spinner />}
      </div>
      <p className="lead">{t('work.lead')}</p>

      <WorkTabs tab={tab} counts={work.data?.counts} onTab={(k) => go({ tab: k })} />

      {work.isPending ? (
        <Loading />
      ) : work.isError ? (
        <ErrorNotice error={work.error} onRetry={() => void work.refetch()} />
      ) : work.data.items.length === 0 ? (
        <p className="empty">{t(`work.empty.${tab}`)}</p>
      ) : (
        // Busy while the previous page or tab is still shown in place of the one asked for.
        <div className="work-results" aria-busy={work.isPlaceholderData || undefined}>
          <p className="result-count" aria-live="polite">
            {t('work.count', { count: work.data.total })}
          </p>
          <WorkTable items={sortByStepDue(work.data.items)} caption={t('work.title')} />
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
    </div>
  );
}
