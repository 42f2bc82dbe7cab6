import { useTranslation } from '../../i18n';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Loading } from '../../components/Spinner';
import { useAccessToken } from '../../api/useAccessToken';
import { SkipLink } from '../../components/SkipLink';
import './public.css';

export function PublicLayout() {
  const { t } = useTranslation();
  const token = useAccessToken();
  return (
    <div className="app public">
      <SkipLink />
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              MC
            </span>
            <span className="brand-text">{t('common.appName')}</span>
          </Link>
          <div className="header-actions">
            <LanguageSwitch />
            <Link to={token ? '/console' : '/login'} className="btn btn-light">
              {token ? t('public.toConsole') : t('public.staffLogin')}
            </Link>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('public.footer')}</p>
        </div>
      </footer>
    </div>
  );
}
