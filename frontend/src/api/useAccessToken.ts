import { useSyncExternalStore } from 'react';
import { tokenStore } from './client';

/** The current access token (re-renders on login and logout, also from another tab). */
export function useAccessToken(): string | null {
  return useSyncExternalStore(tokenStore.subscribe, tokenStore.access, () => null);
}
