import { describe, expect, it } from 'vitest';
import { keyId, SESSION_COOKIE, signSession, type SessionClaims, type SessionKey } from '../../functions/handlers/site-auth/session.ts';
import { loadViewerAuth, viewerRequest } from './edge-harness.ts';

/** The session checks of the default behaviour's function: signature by kid, lifetime, not-before, no exemptions. */

const key = (secret: string): SessionKey => ({ kid: keyId(secret), key: secret });
const OLD = key('o'.repeat(64));
const NEW = key('n'.repeat(64));
const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Partial<SessionClaims> = {}): SessionClaims => ({ sub: 'user-1', roles: ['leadership'], iat: now(), exp: now() + 600, ...overrides });
const token = (signingKey: SessionKey, overrides: Partial<SessionClaims> = {}) => signSession(claims(overrides), signingKey);
const request = (value: string | undefined, uri = '/compare/') => viewerRequest(uri, value === undefined ? {} : { [SESSION_COOKIE]: value });
const toLogin = (uri = '/compare/') => ({ statusCode: 302, headers: { location: { value: `/_auth/login?next=${encodeURIComponent(uri)}` }, 'cache-control': { value: 'no-store' } } });
const toNoAccess = { statusCode: 302, headers: { location: { value: '/no-access/' } } };
const admitted = { uri: '/compare/index.html' };

describe('viewer-auth sessions', () => {
  it('sends a request without a valid session to sign-in, keeping where it was going', async () => {
    const edge = await loadViewerAuth([NEW]);
    const forged = signSession(claims(), { kid: NEW.kid, key: 'another key' });
    const unknownKid = token(key('x'.repeat(64)));
    const noKid = (() => {
      const [, payload, signature] = token(NEW).split('.');
      return `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')}.${payload}.${signature}`;
    })();

    for (const value of [undefined, forged, unknownKid, noKid, token(NEW, { exp: now() - 1 }), 'a.b', 'a.b.c']) {
      expect(await edge(request(value)), String(value)).toMatchObject(toLogin());
    }
    expect(await edge(request(token(NEW)))).toMatchObject(admitted);
  });

  it('reads the session from the __Host- cookie only', async () => {
    const edge = await loadViewerAuth([NEW]);

    expect(await edge(viewerRequest('/compare/', { pmpulse_session: token(NEW) }))).toMatchObject(toLogin());
  });

  it('refuses a session that claims to last longer than an hour or to be issued in the future', async () => {
    const edge = await loadViewerAuth([NEW]);

    expect(await edge(request(token(NEW, { iat: now() - 60, exp: now() + 3600 })))).toMatchObject(toLogin());
    expect(await edge(request(token(NEW, { iat: now() + 300, exp: now() + 900 })))).toMatchObject(toLogin());
    expect(await edge(request(token(NEW, { iat: now(), exp: now() + 3600 })))).toMatchObject(admitted);
  });

  it('fails closed while the key store holds no key', async () => {
    const edge = await loadViewerAuth([]);

    expect(await edge(request(token(NEW)))).toMatchObject(toLogin());
  });

  it('accepts the current and the previous key during a rotation, and the old one no more once it is deleted', async () => {
    const during = await loadViewerAuth([OLD, NEW]);
    const after = await loadViewerAuth([NEW]);

    expect(await during(request(token(OLD)))).toMatchObject(admitted);
    expect(await during(request(token(NEW)))).toMatchObject(admitted);
    expect(await after(request(token(OLD)))).toMatchObject(toLogin());
    // A kid names its key: a session cannot pick the other key by naming it.
    const [, payload, signature] = token(OLD).split('.');
    const relabelled = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: NEW.kid })).toString('base64url')}.${payload}.${signature}`;
    expect(await during(request(relabelled))).toMatchObject(toLogin());
  });

  it('ends sessions issued before the global or the per-user not-before, and renews them through sign-in', async () => {
    const issued = now() - 120;
    const session = token(NEW, { iat: issued });
    const cutAt = String(issued + 60);

    expect(await (await loadViewerAuth([NEW], { nbf: cutAt }))(request(session))).toMatchObject(toLogin());
    expect(await (await loadViewerAuth([NEW], { 'nbf:user-1': cutAt }))(request(session))).toMatchObject(toLogin());
    // Another person's cut-off leaves this one alone; a session issued after the cut-off passes.
    expect(await (await loadViewerAuth([NEW], { 'nbf:user-2': cutAt }))(request(session))).toMatchObject(admitted);
    expect(await (await loadViewerAuth([NEW], { nbf: cutAt, 'nbf:user-1': cutAt }))(request(token(NEW)))).toMatchObject(admitted);
  });

  it('shows the no-access page, not a sign-in loop, to a person cut off until a time still ahead', async () => {
    const edge = await loadViewerAuth([NEW], { 'nbf:user-1': String(now() + 86_400) });
    const session = token(NEW);

    expect(await edge(request(session))).toMatchObject(toNoAccess);
    expect(await edge(request(session, '/no-access/'))).toMatchObject({ uri: '/no-access/index.html' });
    expect(await edge(request(session, '/definitions/'))).toMatchObject(toNoAccess);
  });

  it('treats an unreadable not-before as a cut-off, not as none', async () => {
    const edge = await loadViewerAuth([NEW], { nbf: 'tomorrow' });

    expect(await edge(request(token(NEW)))).toMatchObject(toNoAccess);
  });

  it('exempts no path: /_auth/ on the default behaviour needs a session like any other', async () => {
    const edge = await loadViewerAuth([NEW]);

    for (const uri of ['/_auth/login', '/_auth/..%2fpm/bob/', '/_auth%2f..%2fcompare/', '/_auth/callback']) {
      const got = await edge(request(undefined, uri));
      expect(got, uri).toMatchObject(toLogin(uri));
      expect(got.headers['x-pmpulse-host'], uri).toBeUndefined();
    }
  });
});
