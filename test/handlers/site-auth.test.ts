import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSiteAuthHandler, loadSiteAuth, safeNext } from '../../functions/handlers/site-auth/app.ts';
import { signSession, verifySession } from '../../functions/handlers/site-auth/session.ts';

/** The sign-in function and the CloudFront Function that checks its cookie, run together. */

const KEY = 'k'.repeat(64);
const settings = { domain: 'https://pmpulse-test.auth.eu-west-1.amazoncognito.com', region: 'eu-west-1', userPoolId: 'eu-west-1_Pool', clientId: 'client-1' };
// The edge function reads the real clock, so the session is issued now.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const HOST = 'd111.cloudfront.net';

function urlEvent(path: string, query: Record<string, string> = {}, cookies: string[] = []): LambdaFunctionURLEvent {
  return {
    version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: new URLSearchParams(query).toString(),
    headers: { 'x-pmpulse-host': HOST }, queryStringParameters: query, cookies, isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path } } as LambdaFunctionURLEvent['requestContext'],
  };
}

const jwtPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const idToken = (claims: Record<string, unknown>) => `${jwtPart({ alg: 'RS256' })}.${jwtPart(claims)}.signature`;
const goodClaims = { sub: 'user-1', email: 'ana@acme.com', aud: 'client-1', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool', token_use: 'id', exp: now.getTime() / 1000 + 3600 };

/** The edge function's source with CloudFront's `cloudfront` and `crypto` modules supplied from Node. */
async function loadViewerAuth(keyInStore: string | undefined) {
  const source = readFileSync(new URL('../../infra/edge/viewer-auth.js', import.meta.url), 'utf8').replace(/^import .*$/gm, '');
  const cf = { kvs: () => ({ get: async (name: string) => (name === 'session-key' && keyInStore ? keyInStore : Promise.reject(new Error('not found'))) }) };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
  const make = new AsyncFunction('cf', 'crypto', `${source}\nreturn handler;`);
  return (await make(cf, { createHmac })) as (event: unknown) => Promise<Record<string, any>>;
}
const viewerRequest = (uri: string, cookies: Record<string, string> = {}) => ({
  request: { uri, headers: { host: { value: HOST } }, cookies: Object.fromEntries(Object.entries(cookies).map(([k, v]) => [k, { value: v }])) },
});

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('site sign-in', () => {
  it('sends a visitor to the Cognito hosted UI with PKCE and remembers where they were going', async () => {
    const handler = createSiteAuthHandler(settings, KEY, { now: () => now });

    const response = await handler(urlEvent('/_auth/login', { next: '/managers/' }));

    const location = new URL(String(response.headers!.location));
    expect(response.statusCode).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(`${settings.domain}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: 'client-1', response_type: 'code', redirect_uri: `https://${HOST}/_auth/callback`, code_challenge_method: 'S256',
    });
    expect(response.cookies![0]).toMatch(/^pmpulse_login=.+; Path=\/_auth\/; Max-Age=600; Secure; HttpOnly; SameSite=Lax$/);
  });

  it('turns the code into a session cookie the edge function accepts', async () => {
    const fetchToken = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => Response.json({ id_token: idToken(goodClaims) }));
    const handler = createSiteAuthHandler(settings, KEY, { now: () => now, fetch: fetchToken as typeof fetch });
    const login = await handler(urlEvent('/_auth/login', { next: '/managers/' }));
    const loginCookie = login.cookies![0]!.split(';')[0]!;
    const state = new URL(String(login.headers!.location)).searchParams.get('state')!;

    const callback = await handler(urlEvent('/_auth/callback', { code: 'abc', state }, [loginCookie]));

    expect(callback).toMatchObject({ statusCode: 302, headers: { location: '/managers/' } });
    const body = new URLSearchParams(String(fetchToken.mock.calls[0]![1]!.body));
    expect(body.get('code_verifier')).toBe(loginCookie.split('=')[1]!.split('.')[1]);
    const session = callback.cookies![0]!.match(/^pmpulse_session=([^;]+)/)![1]!;
    expect(verifySession(session, KEY, now)).toMatchObject({ sub: 'user-1', email: 'ana@acme.com', iss: 'pmpulse' });
    const edge = await loadViewerAuth(KEY);
    expect(await edge(viewerRequest('/managers/', { pmpulse_session: session }))).toMatchObject({ uri: '/managers/index.html' });
  });

  it('refuses a token for another client, a wrong state and an expired token', async () => {
    const reply = (claims: Record<string, unknown>) => (async () => Response.json({ id_token: idToken(claims) })) as unknown as typeof fetch;
    const cookie = ['pmpulse_login=s1.verifier.Lw'];
    const run = (claims: Record<string, unknown>, state = 's1') =>
      createSiteAuthHandler(settings, KEY, { now: () => now, fetch: reply(claims) })(urlEvent('/_auth/callback', { code: 'c', state }, cookie));

    expect((await run({ ...goodClaims, aud: 'other' })).statusCode).toBe(403);
    expect((await run({ ...goodClaims, exp: now.getTime() / 1000 - 1 })).statusCode).toBe(403);
    expect((await run(goodClaims, 's2')).statusCode).toBe(400);
  });

  it('never redirects off the site after sign-in', () => {
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/projects/')).toBe('/projects/');
  });

  it('reads the app client id and the session key from Secrets Manager at init', async () => {
    const env = { AWS_REGION: 'eu-west-1', PMPULSE_AUTH_DOMAIN: settings.domain, PMPULSE_USER_POOL_ID: 'eu-west-1_Pool', PMPULSE_AUTH_CLIENT_SECRET: 'c', PMPULSE_SESSION_KEY_SECRET: 'k' };
    const read = async (name: string) => (name === 'c' ? '{"clientId":"client-1"}' : KEY);

    await expect(loadSiteAuth(env, read)).resolves.toMatchObject({ settings, sessionKey: KEY });
    await expect(loadSiteAuth({ AWS_REGION: 'eu-west-1' }, read)).rejects.toThrow(/PMPULSE_AUTH_DOMAIN is not set/);
  });
});

describe('viewer-auth CloudFront Function', () => {
  const valid = signSession({ sub: 'u', exp: Math.floor(Date.now() / 1000) + 600 }, KEY);

  it('sends a request without a valid session to the sign-in page', async () => {
    const edge = await loadViewerAuth(KEY);
    const forged = signSession({ sub: 'u', exp: Math.floor(Date.now() / 1000) + 600 }, 'another key');
    const expired = signSession({ sub: 'u', exp: Math.floor(Date.now() / 1000) - 1 }, KEY);

    for (const cookies of [{}, { pmpulse_session: forged }, { pmpulse_session: expired }, { pmpulse_session: 'a.b' }] as Record<string, string>[]) {
      expect(await edge(viewerRequest('/projects/', cookies))).toMatchObject({ statusCode: 302, headers: { location: { value: '/_auth/login?next=%2Fprojects%2F' } } });
    }
  });

  it('fails closed while the key store holds no key', async () => {
    const edge = await loadViewerAuth(undefined);

    expect(await edge(viewerRequest('/', { pmpulse_session: valid }))).toMatchObject({ statusCode: 302 });
  });

  it('serves index documents and passes sign-in requests on with the viewer host', async () => {
    const edge = await loadViewerAuth(KEY);

    expect(await edge(viewerRequest('/projects', { pmpulse_session: valid }))).toMatchObject({ uri: '/projects/index.html' });
    expect(await edge(viewerRequest('/data/latest.json', { pmpulse_session: valid }))).toMatchObject({ uri: '/data/latest.json' });
    expect(await edge(viewerRequest('/_auth/login'))).toMatchObject({ uri: '/_auth/login', headers: { 'x-pmpulse-host': { value: HOST } } });
  });

  it('checks the same signature the sign-in function makes', () => {
    const [header, payload, signature] = valid.split('.');
    expect(createHmac('sha256', KEY).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
  });
});
