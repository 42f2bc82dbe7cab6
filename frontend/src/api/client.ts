import createClient from 'openapi-fetch';
import { createAuthMiddleware } from './authMiddleware';
import type { paths } from './schema';
import { createLocalTokenStore, type TokenStore } from './tokens';

export interface ClientOptions {
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  store: TokenStore;
  onAuthFailure: () => void;
}

export function createApiClient({ baseUrl = '', fetch: baseFetch, store, onAuthFailure }: ClientOptions) {
  const doFetch = baseFetch ?? ((request: Request) => globalThis.fetch(request));
  // A bare client for the refresh call itself, so that it never goes through the 401 handler.
  const bare = createClient<paths>({ baseUrl, fetch: doFetch });
  const client = createClient<paths>({ baseUrl, fetch: doFetch });
  client.use(
    createAuthMiddleware({
      store,
      onAuthFailure,
      async refresh(refreshToken) {
        const { data, response } = await bare.POST('/api/auth/refresh', { body: { refresh_token: refreshToken } });
        return response.ok && data ? data : null;
      },
    }),
  );
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const tokenStore = createLocalTokenStore();

let authFailureHandler: () => void = () => {
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/login')) {
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
};

/** The router installs a handler that navigates without a full reload. */
export function setAuthFailureHandler(handler: () => void) {
  authFailureHandler = handler;
}

export const api = createApiClient({
  store: tokenStore,
  onAuthFailure: () => authFailureHandler(),
});

/** Path of an image served by the API, for <img src>. */
export function qrSvgUrl(code: string): string {
  return `/api/public/procedures/${encodeURIComponent(code)}/qr.svg`;
}
