import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it, vi } from 'vitest';
import { createSiteAuthHandler } from '../../functions/handlers/site-auth/app.ts';
import { fixedSigningKey } from '../../functions/handlers/site-auth/signing-key.ts';
import { loadAuthRoutes, loadViewerAuth, signingKey } from './edge-harness.ts';
import { startSite } from './edge-site-server.ts';

/**
 * A whole sign-in over HTTP: the edge functions and the sign-in handler behind a local server, the
 * token endpoint a second local server, redirects and cookies as a browser sees them.
 */

const KEY = 'h'.repeat(64);
const jwtPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
let idClaims: Record<string, unknown> = {};
let site: Awaited<ReturnType<typeof startSite>>;
let closeCognito: () => Promise<void>;

beforeAll(async () => {
  const cognito = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/oauth2/token') return void response.writeHead(404).end();
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ id_token: `${jwtPart({ alg: 'RS256' })}.${jwtPart(idClaims)}.sig` }));
  });
  await new Promise<void>((resolve) => cognito.listen(0, '127.0.0.1', resolve));
  const domain = `http://127.0.0.1:${(cognito.address() as AddressInfo).port}`;
  closeCognito = () => new Promise<void>((resolve) => cognito.close(() => resolve()));
  const settings = { domain, region: 'eu-west-1', userPoolId: 'eu-west-1_Pool', clientId: 'client-1' };
  const signIn = createSiteAuthHandler(settings, fixedSigningKey(KEY));
  site = await startSite({ signIn, viewerAuth: await loadViewerAuth([await signingKey(KEY)]), authRoutes: await loadAuthRoutes() });
});
afterAll(async () => {
  await site.close();
  await closeCognito();
});
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const now = Math.floor(Date.now() / 1000);
  idClaims = { sub: 'user-ana', aud: 'client-1', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool', token_use: 'id', exp: now + 3600, 'cognito:groups': ['pm'], 'custom:pmpulse_person': 'ana' };
});
afterEach(() => vi.restoreAllMocks());

const get = (path: string, cookie = '', init: RequestInit = {}) => fetch(`${site.origin}${path}`, { redirect: 'manual', ...init, headers: { cookie, ...(init.headers as Record<string, string>) } });
const cookiePair = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? '';

/** From a page request without a session to the session cookie, following the site's own redirects. */
async function signInFrom(path: string) {
  const toLogin = await get(path);
  const login = await get(toLogin.headers.get('location')!);
  const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
  const loginCookie = cookiePair(login, 'pmpulse_login');
  const callback = await get(`/_auth/callback?code=abc&state=${state}`, loginCookie);
  return { toLogin, callback, session: cookiePair(callback, '__Host-pmpulse_session') };
}

describe('the site over HTTP', () => {
  it('signs a PM in and back to the page asked for, then serves what the role allows', async () => {
    const { toLogin, callback, session } = await signInFrom('/pm/ana/');

    expect(toLogin.headers.get('location')).toBe('/_auth/login?next=%2Fpm%2Fana%2F');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/pm/ana/');
    expect(await (await get('/pm/ana/', session)).text()).toBe('bucket:/pm/ana/index.html');
    expect(await (await get('/compare/', session)).text()).toBe('bucket:/anonymous/compare/index.html');
    expect((await get('/pm/bob/', session)).headers.get('location')).toBe('/no-access/');
    expect(await (await get('/no-access/', session)).text()).toBe('bucket:/no-access/index.html');
  });

  it('sends someone in no group to the no-access page, not the site', async () => {
    idClaims['cognito:groups'] = [];
    const { session } = await signInFrom('/');

    expect((await get('/', session)).headers.get('location')).toBe('/no-access/');
    expect((await get('/kpi/x/', session)).headers.get('location')).toBe('/no-access/');
  });

  it('ends on the site whatever next holds', async () => {
    for (const next of ['%2F%09%2Fevil.example', '%2F%0D%0A%2Fevil.example', '%2F%5Cevil.example', '%2F%2Fevil.example', 'https%3A%2F%2Fevil.example', '%2F%E2%80%AE%2Fevil.example']) {
      const login = await get(`/_auth/login?next=${next}`);
      const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
      const callback = await get(`/_auth/callback?code=abc&state=${state}`, cookiePair(login, 'pmpulse_login'));
      const location = callback.headers.get('location')!;
      expect(new URL(location.replace(/[\t\r\n]/g, ''), site.origin).origin, next).toBe(site.origin);
      expect(location, next).toBe('/');
    }
  });

  it('signs out by POST only: a GET shows the button, the POST clears the cookie', async () => {
    const { session } = await signInFrom('/pm/ana/');

    const viaGet = await get('/_auth/logout', session);
    expect(viaGet.status).toBe(405);
    expect(await viaGet.text()).toContain('method="post"');
    const viaPost = await get('/_auth/logout', session, { method: 'POST', headers: { origin: site.origin.replace('http:', 'https:') } });
    expect(viaPost.status).toBe(200);
    expect(viaPost.headers.getSetCookie()).toEqual(['__Host-pmpulse_session=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax']);
    // A POST with a body fails origin access control's signature, as it would in front of the function URL.
    expect((await get('/_auth/logout', session, { method: 'POST', body: 'x=1' })).status).toBe(403);
  });

  it('answers only the sign-in routes under /_auth/', async () => {
    expect((await get('/_auth/..%2fpm/bob/')).status).toBe(404);
    expect((await get('/_auth/whoami')).status).toBe(404);
    expect((await get('/_auth/login', '', { method: 'PUT' })).status).toBe(405);
  });
});
