import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { Notification } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Pagination } from '../../components/Pagination';
import { Loading, Spinner } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { formatDateTime, localText } from '../../lib/format';
import { NOTIFICATION_PAGE_SIZE, useMarkRead, useNotifications } from './queries';
import { badgeText } from './workCounts';
import './notifications.css';

const BELL_SIZE = 8;

function NotificationItem({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const { t, i18n } = useTranslation();
  const unread = n.read_at === null;
  return (
    <>
      <div className="notification-head">
        <span className={`tag notification-${n.kind}`}>{t(`notifications.kinds.${n.kind}`)}</span>
        {unread && (
          <span className="unread-dot" title={t('notifications.unread')}>
            <span className="visually-hidden">{t('notifications.unread')}</span>
          </span>
        )}
        <span className="muted small code">{formatDateTime(n.created_at)}</span>
      </div>
      <Link to={`/console/ho-so/${n.dossier_id}`} className={unread ? 'notification-text unread' : 'notification-text'} onClick={() => onOpen(n)}>
        {localText(n, i18n.language)}
      </Link>
    </>
  );
}

/**
 * The bell in the console header: the unread count (kept fresh by polling), and on click the latest
 * notifications. Escape or a click elsewhere closes it; opening one marks it read.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const list = useNotifications(false, 1, BELL_SIZE);
  const markRead = useMarkRead();
  const location = useLocation();
  // Open on the page where it was opened: any navigation (e.g. to a notification's dossier) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === location.pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? location.pathname : null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const unread = list.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpenOn(null);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpenOn(null);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const openOne = (n: Notification) => {
    setOpenOn(null);
    if (n.read_at === null) markRead.mutate([n.id]);
  };

  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-light bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-badge" aria-hidden="true">
            {badgeText(unread)}
          </span>
        )}
      </button>
      <div id={panelId} className="bell-panel" hidden={!open}>
        <div className="bell-panel-head">
          <strong>{t('notifications.title')}</strong>
          {unread > 0 && (
            <BusyButton
              type="button"
              className="btn btn-small btn-ghost"
              busy={markRead.isPending}
              onClick={() => markRead.mutate(null)}
            >
              {t('notifications.markAllRead')}
            </BusyButton>
          )}
        </div>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <p className="empty">{t('notifications.empty')}</p>
        ) : (
          <ul className="notification-list">
            {list.data.items.map((n) => (
              <li key={n.id} className={n.read_at === null ? 'unread' : undefined}>
                <NotificationItem n={n} onOpen={openOne} />
              </li>
            ))}
          </ul>
        )}
        <p className="bell-panel-foot">
          <Link to="/console/thong-bao">{t('notifications.all')}</Link>
        </p>
      </div>
    </div>
  );
}

/** `/console/thong-bao`: all my notifications, newest first, with an unread filter. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('chua-doc') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useNotifications(unreadOnly, page);
  const markRead = useMarkRead();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const go = (next: { unreadOnly?: boolean; page?: number }) =>
    setParams(
      () => {
        const p = new URLSearchParams();
        if (next.unreadOnly ?? unreadOnly) p.set('chua-doc', '1');
        if ((next.page ?? 1) > 1) p.set('page', String(next.page));
        return p;
      },
      { replace: true },
    );

  return (
    <div className="page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('notifications.title')}
        </h1>
        {(list.data?.unread ?? 0) > 0 && (
          <BusyButton type="button" className="btn" busy={markRead.isPending} onClick={() => markRead.mutate(null)}>
            {t('notifications.markAllRead')}
          </BusyButton>
        )}
      </div>
      <div className="toolbar">
        <label className="check chip">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => go({ unreadOnly: e.target.checked })} />
          {t('notifications.unreadOnly')}
        </label>
        {list.isFetching && <Spinner />}
      </div>
      <ErrorNotice error={markRead.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="empty">{t('notifications.empty')}</p>
      ) : (
        <>
          <ul className="notification-list notification-page">
            {list.data.items.map((n) => (
              <li key={n.id} className={n.read_at === null ? 'unread' : undefined}>
                <NotificationItem n={n} onOpen={(x) => x.read_at === null && markRead.mutate([x.id])} />
                {n.read_at === null && (
                  <button type="button" className="btn btn-small" onClick={() => markRead.mutate([n.id])}>
                    {t('notifications.markRead')}
                    <span className="visually-hidden"> {n.dossier_code}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
          <Pagination
            page={page}
            size={NOTIFICATION_PAGE_SIZE}
            total={list.data.total}
            onPage={(p) => {
              go({ page: p });
              headingRef.current?.focus();
            }}
          />
        </>
      )}
    </div>
  );
}
