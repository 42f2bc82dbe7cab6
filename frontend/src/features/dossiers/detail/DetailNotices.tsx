import type { RefObject } from 'react';
import { Link } from 'react-router';
import { useTranslation } from '../../../i18n';
import { SuccessNotice } from '../../../components/ErrorNotice';
import { RefusalNotice } from '../../work/AssignDialog';
import { formAfter } from '../actions';
import type { Notice } from './useDetailState';

/** The outcome of the last action, hand-over or claim; after an action that produces a form, a link to print it. */
export function DetailNotices({
  dossierId,
  notice,
  claimError,
  focusRef,
}: {
  dossierId: number;
  notice: Notice | null;
  claimError: unknown;
  focusRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const form = notice?.kind === 'done' ? formAfter(notice.action) : undefined;
  return (
    <div ref={focusRef} tabIndex={-1}>
      {notice?.kind === 'stale' && (
        <div className="notice notice-error" role="alert">
          {t('detail.staleReloaded')}
        </div>
      )}
      {notice?.kind === 'done' && (
        <SuccessNotice>
          <span>{t('detail.done', { action: t(`actions.${notice.action}`) })}</span>
          {form && (
            <Link to={`/console/ho-so/${dossierId}/in/${form}`} className="btn btn-small">
              {form === '01' ? t('detail.printReceipt') : t('detail.printRefusal')}
            </Link>
          )}
        </SuccessNotice>
      )}
      {notice?.kind === 'assigned' && <SuccessNotice>{t('assign.done', { name: notice.name })}</SuccessNotice>}
      {notice?.kind === 'released' && <SuccessNotice>{t('release.done')}</SuccessNotice>}
      {notice?.kind === 'claimed' && <SuccessNotice>{t('claim.done')}</SuccessNotice>}
      {claimError ? <RefusalNotice error={claimError} /> : null}
    </div>
  );
}
