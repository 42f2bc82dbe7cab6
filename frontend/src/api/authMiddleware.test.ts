// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './client';
import { createMemoryTokenStore } from './tokens';

type Handler = (req: Request) => Response | Promise<Response>;

/** A fake server: records every request and answers through a handler. */
function fakeFetch(handler: Handler) {
  const calls: { method: string; path: string; auth: string | null; body: string }[] = [];
  const fetch = vi.fn(async (req: Request) => {
    const body = req.body ? await req.clone().text() : '';
    calls.push({ method: req.method, path: new URL(req.url).pathname, auth: req.headers.get('Authorization'), body });
    return handler(req);
  });
  return { fetch, calls };
}

const json = (status: number, data: unknown) =>
  new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } });
const unauthorized = () => json(401, { code: 'not_authenticated', message: 'Not authenticated', fields: [] });
const me = { id: 1, username: 'admin', full_name: 'Quản trị', roles: ['admin'] };
const pair = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'bearer', expires_in: 900 });

function setup(handler: Handler, tokens = { access_token: 'access-1', refresh_token: 'refresh-1' }) {
  const store = createMemoryTokenStore(tokens);
  const onAuthFailure = vi.fn();
  const server = fakeFetch(handler);
  const client = createApiClient({ baseUrl: 'http://test', fetch: server.fetch, store, onAuthFailure });
  return { client, store, onAuthFailure, ...server };
}

describe('auth middleware', () => {
  it('sends the access token as a bearer header', async () => {
    const { client, calls } = setup(() => json(200, me));
    const { data } = await client.GET('/api/auth/me');
    expect(data).toMatchObject({ username: 'admin' });
    expect(calls).toHaveLength(1);
    expect(calls[0].auth).toBe('Bearer access-1');
  });

  it('on 401 refreshes once, stores the rotated pair and retries the request with its body', async () => {
    const { client, store, calls, onAuthFailure } = setup((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/auth/refresh') return json(200, pair(2));
      if (req.headers.get('Authorization') === 'Bearer access-2') return new Response(null, { status: 204 });
      return unauthorized();
    });
    const { response } = await client.POST('/api/auth/password', {
      body: { current_password: 'old-pass', new_password: 'new-pass-123' },
    });
    expect(response.status).toBe(204);
    expect(calls.map((c) => `${c.method} ${c.path} ${c.auth}`)).toEqual([
      'POST /api/auth/password Bearer access-1',
      'POST /api/auth/refresh null',
      'POST /api/auth/password Bearer access-2',
    ]);
    expect(JSON.parse(calls[1].body)).toEqual({ refresh_token: 'refresh-1' });
    expect(JSON.parse(calls[2].body)).toEqual({ current_password: 'old-pass', new_password: 'new-pass-123' });
    expect(store.access()).toBe('access-2');
    expect(store.refresh()).toBe('refresh-2');
    expect(onAuthFailure).not.toHaveBeenCalled();
  });

  it('clears the tokens and reports once when the refresh is refused', async () => {
    const { client, store, calls, onAuthFailure } = setup(() => unauthorized());
    const { response } = await client.GET('/api/auth/me');
    expect(response.status).toBe(401);
    expect(calls.map((c) => c.path)).toEqual(['/api/auth/me', '/api/auth/refresh']);
    expect(store.access()).toBeNull();
    expect(store.refresh()).toBeNull();
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('gives up when the retried request is still unauthorized (no loop)', async () => {
    const { client, store, calls, onAuthFailure } = setup((req) =>
      new URL(req.url).pathname === '/api/auth/refresh' ? json(200, pair(2)) : unauthorized(),
    );
    const { response } = await client.GET('/api/auth/me');
    expect(response.status).toBe(401);
    expect(calls).toHaveLength(3);
    expect(store.access()).toBeNull();
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('shares one refresh between concurrent requests', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { client, calls } = setup(async (req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/auth/refresh') {
        await gate;
        return json(200, pair(2));
      }
      return req.headers.get('Authorization') === 'Bearer access-2' ? json(200, me) : unauthorized();
    });
    const all = Promise.all([client.GET('/api/auth/me'), client.GET('/api/units/current'), client.GET('/api/sectors')]);
    await new Promise((r) => setTimeout(r, 10));
    release();
    const results = await all;
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1);
  });

  it('never refreshes on a failed login: 401 there means wrong credentials', async () => {
    const { client, calls, onAuthFailure, store } = setup(() => unauthorized(), {
      access_token: '',
      refresh_token: '',
    });
    store.clear();
    const { response } = await client.POST('/api/auth/token', {
      body: { username: 'admin', password: 'wrong' },
      bodySerializer: (b) => new URLSearchParams(b as Record<string, string>),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(401);
    expect(calls).toHaveLength(1);
    expect(calls[0].auth).toBeNull();
    expect(calls[0].body).toBe('username=admin&password=wrong');
    expect(onAuthFailure).not.toHaveBeenCalled();
  });

  it('without a refresh token goes straight to the login page', async () => {
    const { client, calls, onAuthFailure } = setup(() => unauthorized(), { access_token: 'stale', refresh_token: '' });
    await client.GET('/api/auth/me');
    expect(calls.map((c) => c.path)).toEqual(['/api/auth/me']);
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });
});
