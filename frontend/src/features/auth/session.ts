import { createContext, useContext } from 'react';
import type { Me, Role } from '../../api/types';

export const SessionContext = createContext<Me | null>(null);

/** The signed-in staff member; only usable inside the guarded console. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() outside <RequireAuth>');
  return me;
}

export function hasRole(me: Pick<Me, 'roles'>, ...roles: Role[]): boolean {
  return roles.some((r) => me.roles.includes(r));
}

export function useIsAdmin(): boolean {
  return hasRole(useSession(), 'admin');
}
