import type { Middleware } from 'openapi-fetch';
import type { TokenStore } from './tokens';

export interface AuthMiddlewareOptions {
  store: TokenStore;
  /** Exchanges a refresh token for a new pair; resolves null when the server refuses. */
  refresh: (refreshToken: string) => Promise<{ access_token: string; refresh_token: string } | null>;
  /** Called once the session is definitely gone (tokens already cleared). */
  onAuthFailure: () => void;
}

/** Endpoints whose 401 means "wrong credentials", not "session expired". */
const NO_RETRY = ['/api/auth/token', '/api/auth/refresh', '/api/auth/logout'];

function pathOf(request: Request): string {
  try {
    return new URL(request.url).pathname;
  } catch {
    return request.url;
  }
}

function bearer(token: string | null): string | null {
  return token ? `Bearer ${token}` : null;
}

/**
 * Adds the bearer token; on a 401 tries one refresh (shared by concurrent requests),
 * then retries the request once. If that fails the tokens are cleared and onAuthFailure runs.
 */
export function createAuthMiddleware({ store, refresh, onAuthFailure }: AuthMiddlewareOptions): Middleware {
  // Copies of outgoing requests (the body of the original is consumed by fetch), by request id.
  const pending = new Map<string, { copy: Request; sentWith: string | null }>();
  let inflight: Promise<boolean> | null = null;

  function refreshOnce(): Promise<boolean> {
    if (!inflight) {
      const token = store.refresh();
      inflight = (async () => {
        if (!token) return false;
        try {
          const pair = await refresh(token);
          if (!pair) return false;
          store.set(pair);
          return true;
        } catch {
          return false;
        }
      })().finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  function fail() {
    store.clear();
    onAuthFailure();
  }

  return {
    onRequest({ request, id }) {
      const auth = bearer(store.access());
      if (auth && !request.headers.has('Authorization')) request.headers.set('Authorization', auth);
      if (!NO_RETRY.includes(pathOf(request))) {
        pending.set(id, { copy: request.clone(), sentWith: store.access() });
      }
      return request;
    },
    async onResponse({ response, id, options }) {
      const sent = pending.get(id);
      pending.delete(id);
      if (response.status !== 401 || !sent) return undefined;

      // Another request may already have refreshed the pair while this one was in flight.
      const current = store.access();
      const refreshed = current !== null && current !== sent.sentWith ? true : await refreshOnce();
      if (!refreshed) {
        fail();
        return undefined;
      }
      const retry = sent.copy.clone();
      retry.headers.set('Authorization', bearer(store.access()) ?? '');
      const second = await options.fetch(retry);
      if (second.status === 401) fail();
      return second;
    },
    onError({ id }) {
      pending.delete(id);
      return undefined;
    },
  };
}
