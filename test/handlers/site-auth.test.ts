import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSiteAuthHandler, loadSiteAuth } from '../../functions/handlers/site-auth/app.ts';
import { keyId, SESSION_COOKIE, verifySession } from '../../functions/handlers/site-auth/session.ts';
import { fixedSigningKey } from '../../functions/handlers/site-auth/signing-key.ts';
import { HOST, loadViewerAuth, signingKey, viewerRequest } from './edge-harness.ts';

/** The sign-in function and the CloudFront Function that checks its cookie, run together. */

const KEY = 'k'.repeat(64);
const settings = { domain: 'https://pmpulse-test.auth.eu-west-1.amazoncognito.com', region: 'eu-west-1', userPoolId: 'eu-west-1_Pool', clientId: 'client-1' };
// The edge function reads the real clock, so the session is issued now.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const nowSeconds = now.getTime() / 1000;

function urlEvent(path: string, query: Record<string, string> = {}, cookies: string[] = [], method = 'GET', headers: Record<string, string> = {}): LambdaFunctionURLEvent {
  return {
    version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: new URLSearchParams(query).toString(),
    headers: { 'x-pmpulse-host': HOST, ...headers }, queryStringParameters: query, cookies, isBase64Encoded: false,
    requestContext: { http: { method, path } } as LambdaFunctionURLEvent['requestContext'],
  };
}

const jwtPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const idToken = (claims: Record<string, unknown>) => `${jwtPart({ alg: 'RS256' })}.${jwtPart(claims)}.signature`;
const goodClaims = { sub: 'user-1', email: 'ana@acme.com', aud: 'client-1', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool', token_use: 'id', exp: nowSeconds + 3600 };

/** Runs login and callback for an ID token with these claims; returns the callback's answer and the session token. */
async function signIn(claims: Record<string, unknown>, next = '/compare/') {
  const fetchToken = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => Response.json({ id_token: idToken(claims) }));
  const handler = createSiteAuthHandler(settings, fixedSigningKey(KEY), { now: () => now, fetch: fetchToken as typeof fetch });
  const login = await handler(urlEvent('/_auth/login', { next }));
  const loginCookie = login.cookies![0]!.split(';')[0]!;
  const state = new URL(String(login.headers!.location)).searchParams.get('state')!;
  const callback = await handler(urlEvent('/_auth/callback', { code: 'abc', state }, [loginCookie]));
  const session = callback.cookies?.[0]?.match(/^__Host-pmpulse_session=([^;]+)/)?.[1];
  return { login, loginCookie, callback, session, fetchToken };
}

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('site sign-in', () => {
  it('sends a visitor to the Cognito hosted UI with PKCE and remembers where they were going', async () => {
    const { login } = await signIn(goodClaims);

    const location = new URL(String(login.headers!.location));
    expect(login.statusCode).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(`${settings.domain}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: 'client-1', response_type: 'code', redirect_uri: `https://${HOST}/_auth/callback`, code_challenge_method: 'S256',
    });
    // No `prompt`: a signed-in Cognito session answers at once, which is how an expired site session renews.
    expect(location.searchParams.has('prompt')).toBe(false);
    expect(login.cookies![0]).toMatch(/^pmpulse_login=.+; Path=\/_auth\/; Max-Age=600; Secure; HttpOnly; SameSite=Lax$/);
  });

  it('turns the code into a one-hour __Host- session cookie with iat, kid and roles that the edge function accepts', async () => {
    const { callback, session, loginCookie, fetchToken } = await signIn({ ...goodClaims, 'cognito:groups': ['pm', 'other-group'], 'custom:pmpulse_person': 'ana' });

    expect(callback).toMatchObject({ statusCode: 302, headers: { location: '/compare/' } });
    expect(callback.cookies![0]).toMatch(/^__Host-pmpulse_session=[^;]+; Path=\/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax$/);
    expect(callback.cookies![0]).not.toMatch(/Domain=/i);
    const body = new URLSearchParams(String(fetchToken.mock.calls[0]![1]!.body));
    expect(body.get('code_verifier')).toBe(loginCookie.split('=')[1]!.split('.')[1]);
    const claims = verifySession(session!, [await signingKey(KEY)], now)!;
    expect(claims).toMatchObject({ sub: 'user-1', email: 'ana@acme.com', iss: 'pmpulse', roles: ['pm'], person: 'ana', iat: nowSeconds, exp: nowSeconds + 3600 });
    expect(JSON.parse(Buffer.from(session!.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyId(KEY) });
    const edge = await loadViewerAuth([await signingKey(KEY)]);
    expect(await edge(viewerRequest('/pm/ana/', { [SESSION_COOKIE]: session! }))).toMatchObject({ uri: '/pm/ana/index.html' });
    expect(await edge(viewerRequest('/compare/', { [SESSION_COOKIE]: session! }))).toMatchObject({ uri: '/anonymous/compare/index.html' });
  });

  it('ends the session with the ID token when that expires first', async () => {
    const { callback, session } = await signIn({ ...goodClaims, exp: nowSeconds + 1200 });

    expect(callback.cookies![0]).toContain('Max-Age=1200;');
    expect(verifySession(session!, [await signingKey(KEY)], now)).toMatchObject({ exp: nowSeconds + 1200 });
  });

  it('takes roles from the provider claim the stack maps, ignores unknown groups, and keeps a person id inside its own page', async () => {
    const federated = await signIn({ ...goodClaims, 'custom:pmpulse_groups': '[strategy, admins]', 'custom:pmpulse_person': '../bob' });
    const blank = await signIn({ ...goodClaims, 'cognito:groups': ['pm'], 'custom:pmpulse_person': '  ' });
    const none = await signIn(goodClaims);

    expect(verifySession(federated.session!, [await signingKey(KEY)], now)).toMatchObject({ roles: ['strategy'], person: expect.stringMatching(/^bob-[0-9a-z]{7}$/) });
    expect(verifySession(blank.session!, [await signingKey(KEY)], now)).not.toHaveProperty('person');
    expect(verifySession(none.session!, [await signingKey(KEY)], now)).toMatchObject({ roles: [] });
  });

  it('refuses a token for another client, a wrong state and an expired token', async () => {
    const reply = (claims: Record<string, unknown>) => (async () => Response.json({ id_token: idToken(claims) })) as unknown as typeof fetch;
    const cookie = ['pmpulse_login=s1.verifier.Lw'];
    const run = (claims: Record<string, unknown>, state = 's1') =>
      createSiteAuthHandler(settings, fixedSigningKey(KEY), { now: () => now, fetch: reply(claims) })(urlEvent('/_auth/callback', { code: 'c', state }, cookie));

    expect((await run({ ...goodClaims, aud: 'other' })).statusCode).toBe(403);
    expect((await run({ ...goodClaims, exp: nowSeconds - 1 })).statusCode).toBe(403);
    expect((await run(goodClaims, 's2')).statusCode).toBe(400);
  });

  it('keeps next through the sign-in but never an address off the site', async () => {
    expect((await signIn(goodClaims, '/pm/ana/?kpi=lead-time')).callback.headers!.location).toBe('/pm/ana/?kpi=lead-time');
    expect((await signIn(goodClaims, '/\t/evil.example')).callback.headers!.location).toBe('/');
    expect((await signIn(goodClaims, '//evil.example')).callback.headers!.location).toBe('/');
  });

  it('reads the app client id and the session key from Secrets Manager at init', async () => {
    const env = { AWS_REGION: 'eu-west-1', PMPULSE_AUTH_DOMAIN: settings.domain, PMPULSE_USER_POOL_ID: 'eu-west-1_Pool', PMPULSE_AUTH_CLIENT_SECRET: 'c', PMPULSE_SESSION_KEY_SECRET: 'k' };
    const read = async (name: string) => (name === 'c' ? '{"clientId":"client-1"}' : KEY);

    const loaded = await loadSiteAuth(env, read);
    expect(loaded.settings).toEqual(settings);
    expect(await loaded.sessionKey()).toEqual({ kid: keyId(KEY), key: KEY });
    await expect(loadSiteAuth({ AWS_REGION: 'eu-west-1' }, read)).rejects.toThrow(/PMPULSE_AUTH_DOMAIN is not set/);
  });
});

describe('site sign-out', () => {
  const handler = () => createSiteAuthHandler(settings, fixedSigningKey(KEY), { now: () => now });

  it('answers a GET with 405 and a button that posts, and keeps the session', async () => {
    const response = await handler()(urlEvent('/_auth/logout'));

    expect(response).toMatchObject({ statusCode: 405, headers: { allow: 'POST' } });
    expect(response.body).toContain('<form method="post" action="/_auth/logout">');
    expect(response.cookies).toBeUndefined();
  });

  it('clears the session on a same-origin POST and moves on to Cognito logout without a redirect the CSP would block', async () => {
    const response = await handler()(urlEvent('/_auth/logout', {}, [], 'POST', { 'sec-fetch-site': 'same-origin', origin: `https://${HOST}` }));

    expect(response.statusCode).toBe(200);
    expect(response.cookies).toEqual([`${SESSION_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`]);
    const logoutUrl = `${settings.domain}/logout?client_id=client-1&amp;logout_uri=https%3A%2F%2F${HOST}%2F`;
    expect(response.body).toContain(`<meta http-equiv="refresh" content="0;url=${logoutUrl}">`);
  });

  it('refuses a POST from another site', async () => {
    expect((await handler()(urlEvent('/_auth/logout', {}, [], 'POST', { 'sec-fetch-site': 'cross-site' }))).statusCode).toBe(403);
    expect((await handler()(urlEvent('/_auth/logout', {}, [], 'POST', { origin: 'https://evil.example' }))).statusCode).toBe(403);
  });
});
