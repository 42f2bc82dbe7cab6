import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from './i18n';
import { Outlet, useLocation } from 'react-router';
import { Loading } from './components/Spinner';
import { usePageLoading } from './lazyPage';

/**
 * Shows a thin progress bar (and a spinner in the screen's place) while a lazily loaded screen arrives, and
 * moves focus to the main region after each navigation so keyboard and screen reader users start at the content.
 */
export function RootLayout() {
  const pageLoading = usePageLoading();
  const location = useLocation();
  const { t } = useTranslation();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (location.hash) return;
    const main = document.getElementById('main');
    // A screen that focused a control itself (e.g. the intake's search box) keeps it.
    const active = document.activeElement;
    if (!(main && active && active !== main && main.contains(active))) main?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname, location.hash]);

  return (
    <>
      {pageLoading && (
        <div className="route-progress" role="progressbar" aria-label={t('common.loading')} />
      )}
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </>
  );
}
