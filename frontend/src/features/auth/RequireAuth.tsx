import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Spinner';
import { useAccessToken } from '../../api/useAccessToken';
import { useMe } from './queries';
import { SessionContext, hasRole, useSession } from './session';

/** The console guard: no token → login page, with the way back in `next`. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const token = useAccessToken();
  const location = useLocation();
  const me = useMe();
  if (!token) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.isPending) return <Loading />;
  if (me.isError) {
    return (
      <main id="main" className="container page">
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}

export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useSession();
  const { t } = useTranslation();
  if (!hasRole(me, ...roles)) {
    return (
      <div className="notice notice-error" role="alert">
        {t('errors.status.403')}
      </div>
    );
  }
  return <>{children}</>;
}
