import { useTranslation } from '../../i18n';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { SkipLink } from '../../components/SkipLink';
import { Loading, Spinner } from '../../components/Spinner';
import { useLogout } from '../auth/queries';
import { RequireAuth } from '../auth/RequireAuth';
import { hasRole, useSession } from '../auth/session';
import { NotificationBell } from '../work/Notifications';
import { NAV } from './nav';
import './console.css';

function Shell() {
  const { t } = useTranslation();
  const me = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const items = NAV.filter((n) => !n.roles || hasRole(me, ...n.roles));
  return (
    <div className="app console">
      <SkipLink />
      <header className="site-header console-header">
        <div className="header-row console-row">
          <Link to="/console" className="brand">
            <span className="brand-mark" aria-hidden="true">
              MC
            </span>
            <span className="brand-text">
              <span className="brand-center">{me.center.name}</span>
              <span className="brand-sub">{me.center.unit_code}</span>
            </span>
          </Link>
          <div className="header-actions">
            <LanguageSwitch />
            <NotificationBell />
            <span className="user-name" title={me.username}>
              {me.full_name}
            </span>
            <button
              type="button"
              className="btn btn-light"
              disabled={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
            >
              {logout.isPending && <Spinner />}
              {t('nav.logout')}
            </button>
          </div>
        </div>
      </header>
      <div className="console-body">
        <nav className="console-nav" aria-label={t('nav.label')}>
          <ul>
            {items.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.end}>
                  {t(n.label)}
                </NavLink>
              </li>
            ))}
            <li>
              <Link to="/">{t('nav.publicSite')}</Link>
            </li>
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="console-main">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}

export default function ConsoleLayout() {
  return (
    <RequireAuth>
      <Shell />
    </RequireAuth>
  );
}
