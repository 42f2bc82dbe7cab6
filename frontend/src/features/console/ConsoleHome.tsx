import { useTranslation } from '../../i18n';
import { Link, Navigate } from 'react-router';
import { hasRole, useSession } from '../auth/session';
import { homePath, NAV } from './nav';

export default function ConsoleHome() {
  const { t } = useTranslation();
  const me = useSession();
  const home = homePath(me.roles);
  if (home !== '/console') return <Navigate to={home} replace />;
  const links = NAV.filter((n) => n.to !== '/console' && (!n.roles || hasRole(me, ...n.roles)));
  return (
    <div className="page">
      <h1>{t('consoleHome.welcome', { name: me.full_name })}</h1>
      <p className="lead">
        {me.center.name} · <span className="code">{me.center.unit_code}</span>
      </p>
      <p>
        {t('consoleHome.roles')}: {me.roles.map((r) => t(`roles.${r}`)).join(', ') || '—'}
      </p>
      <ul className="tile-grid">
        {links.map((n) => (
          <li key={n.to}>
            <Link to={n.to} className="tile">
              <strong>{t(n.label)}</strong>
              <span>{t(`${n.label}Hint`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
