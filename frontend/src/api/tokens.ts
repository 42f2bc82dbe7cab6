/** Access and refresh tokens, kept in localStorage so a reload keeps the session. */
export interface TokenStore {
  access(): string | null;
  refresh(): string | null;
  set(pair: { access_token: string; refresh_token: string }): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

const ACCESS_KEY = 'motcua.access_token';
const REFRESH_KEY = 'motcua.refresh_token';

function safeGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function createLocalTokenStore(): TokenStore {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  if (typeof window !== 'undefined') {
    // Another tab logged in or out.
    window.addEventListener('storage', (e) => {
      if (e.key === ACCESS_KEY || e.key === REFRESH_KEY || e.key === null) notify();
    });
  }
  return {
    access: () => safeGet(ACCESS_KEY),
    refresh: () => safeGet(REFRESH_KEY),
    set(pair) {
      window.localStorage.setItem(ACCESS_KEY, pair.access_token);
      window.localStorage.setItem(REFRESH_KEY, pair.refresh_token);
      notify();
    },
    clear() {
      window.localStorage.removeItem(ACCESS_KEY);
      window.localStorage.removeItem(REFRESH_KEY);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** In-memory store for tests. */
export function createMemoryTokenStore(initial?: { access_token: string; refresh_token: string }): TokenStore {
  let access = initial?.access_token ?? null;
  let refresh = initial?.refresh_token ?? null;
  const listeners = new Set<() => void>();
  return {
    access: () => access,
    refresh: () => refresh,
    set(pair) {
      access = pair.access_token;
      refresh = pair.refresh_token;
      listeners.forEach((l) => l());
    },
    clear() {
      access = null;
      refresh = null;
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
