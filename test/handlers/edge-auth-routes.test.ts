import { describe, expect, it } from 'vitest';
import { AUTH_ROUTES } from '../../functions/handlers/site-auth/app.ts';
import { HOST, loadAuthRoutes, viewerRequest } from './edge-harness.ts';

/** The `/_auth/*` behaviour's own function: the sign-in function's routes and nothing else. */

describe('auth-routes CloudFront Function', () => {
  it('passes the sign-in routes on with the viewer host', async () => {
    const edge = await loadAuthRoutes();

    for (const uri of Object.values(AUTH_ROUTES)) {
      expect(await edge(viewerRequest(uri)), uri).toMatchObject({ uri, headers: { 'x-pmpulse-host': { value: HOST } } });
    }
  });

  it('refuses every other path under /_auth/, however it is spelled', async () => {
    const edge = await loadAuthRoutes();

    for (const uri of ['/_auth/', '/_auth/login/', '/_auth/..%2fpm/bob/', '/_auth/../pm/bob/', '/_auth/%6cogin', '/_auth/LOGIN', '/_auth/constructor', '/_auth/__proto__', '/_auth/login%00']) {
      expect(await edge(viewerRequest(uri)), uri).toMatchObject({ statusCode: 404 });
    }
  });

  it('admits POST on logout only, with the empty body hash origin access control needs', async () => {
    const edge = await loadAuthRoutes();

    const logout = await edge(viewerRequest('/_auth/logout', {}, 'POST'));
    expect(logout.headers['x-amz-content-sha256']).toEqual({ value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
    expect(await edge(viewerRequest('/_auth/login', {}, 'POST'))).toMatchObject({ statusCode: 405, headers: { allow: { value: 'GET, HEAD' } } });
    expect(await edge(viewerRequest('/_auth/logout', {}, 'DELETE'))).toMatchObject({ statusCode: 405 });
  });

  it('drops a payload hash a viewer sends with a GET and overwrites a forged viewer host', async () => {
    const edge = await loadAuthRoutes();
    const request = viewerRequest('/_auth/login');
    request.request.headers['x-amz-content-sha256'] = { value: 'forged' };
    request.request.headers['x-pmpulse-host'] = { value: 'evil.example' };

    const got = await edge(request);
    expect(got.headers['x-amz-content-sha256']).toBeUndefined();
    expect(got.headers['x-pmpulse-host']).toEqual({ value: HOST });
  });
});
