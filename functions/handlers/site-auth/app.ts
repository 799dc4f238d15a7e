import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyStructuredResultV2 as LambdaFunctionURLResult, LambdaFunctionURLEvent } from 'aws-lambda';
import { ConfigError } from '../../config/index.ts';
import { clearCookie, readCookie, setCookie } from './cookies.ts';
import { logoutPage, signOutForm } from './logout-pages.ts';
import { authorizeUrl, exchangeCode, logoutUrl, type AuthSettings } from './oauth.ts';
import { identityFromClaims } from './roles.ts';
import { safeNext } from './safe-next.ts';
import { SESSION_COOKIE, SESSION_MAX_SECONDS, signSession } from './session.ts';
import { cachedSigningKey, type SessionKeySource } from './signing-key.ts';
import { SERVICE_NAME } from '../logger.ts';
import { STAGE_ENV } from '../runtime-config.ts';
import { readSecret, type SecretReader } from '../secrets.ts';

export { safeNext } from './safe-next.ts';

/** The environment the stack gives the sign-in function. */
export const AUTH_ENV = {
  domain: 'PMPULSE_AUTH_DOMAIN',
  userPoolId: 'PMPULSE_USER_POOL_ID',
  /** Name of the secret `{"clientId": …}`: a name, not an ARN, so the function need not depend on the app client. */
  clientSecretName: 'PMPULSE_AUTH_CLIENT_SECRET',
  sessionKeySecretName: 'PMPULSE_SESSION_KEY_SECRET',
} as const;
/** Set by the CloudFront Function from the viewer's Host: the function URL sees its own host instead. */
export const VIEWER_HOST_HEADER = 'x-pmpulse-host';
/** The routes the `/_auth/*` behaviour's function lets through (infra/edge/auth-routes.js lists the same). */
export const AUTH_ROUTES = { login: '/_auth/login', callback: '/_auth/callback', logout: '/_auth/logout' } as const;
const LOGIN_COOKIE = 'pmpulse_login';

export interface SiteAuthEffects {
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * The sign-in side of the private site, behind `/_auth/*` of the distribution: `login` sends the
 * user to the Cognito hosted UI (PKCE), `callback` turns the code into the session cookie the
 * CloudFront Function checks, `logout` (POST only) clears it and ends the hosted UI's session.
 */
export function createSiteAuthHandler(settings: AuthSettings, sessionKey: SessionKeySource, effects: SiteAuthEffects = {}) {
  const doFetch = effects.fetch ?? globalThis.fetch;
  const now = effects.now ?? (() => new Date());
  const logger = new Logger({ serviceName: SERVICE_NAME, persistentKeys: { step: 'site-auth' } });
  return async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> => {
    const host = event.headers[VIEWER_HOST_HEADER];
    if (!host) return { statusCode: 400, body: 'reach the site through its CloudFront address' };
    const origin = `https://${host}`;
    const query = event.queryStringParameters ?? {};
    const method = event.requestContext?.http?.method ?? 'GET';
    const redirectUri = `${origin}${AUTH_ROUTES.callback}`;
    switch (event.rawPath) {
      case AUTH_ROUTES.login: {
        const state = randomBytes(16).toString('base64url');
        const verifier = randomBytes(32).toString('base64url');
        const next = Buffer.from(safeNext(query.next, origin)).toString('base64url');
        return redirect(authorizeUrl(settings, { redirectUri, state, verifier }), [
          setCookie(LOGIN_COOKIE, `${state}.${verifier}.${next}`, { path: '/_auth/', maxAgeSeconds: 600 }),
        ]);
      }
      case AUTH_ROUTES.callback: {
        const [state, verifier, next] = (readCookie(event.cookies, LOGIN_COOKIE) ?? '').split('.');
        if (!state || !verifier || query.state !== state || !query.code) return { statusCode: 400, body: 'sign-in expired: open the site again' };
        try {
          const claims = await exchangeCode(settings, { code: query.code, verifier, redirectUri, fetch: doFetch, now: now() });
          const iat = Math.floor(now().getTime() / 1000);
          // Never longer than the ID token it came from, and at most an hour.
          const exp = Math.min(iat + SESSION_MAX_SECONDS, Math.floor(claims.exp));
          const identity = identityFromClaims(claims);
          const session = signSession({ sub: claims.sub, ...(claims.email ? { email: claims.email } : {}), ...identity, iat, exp }, await sessionKey());
          logger.info('signed in', { sub: claims.sub, roles: identity.roles });
          return redirect(safeNext(Buffer.from(next ?? '', 'base64url').toString('utf8'), origin), [
            setCookie(SESSION_COOKIE, session, { path: '/', maxAgeSeconds: exp - iat }),
            clearCookie(LOGIN_COOKIE, '/_auth/'),
          ]);
        } catch (error) {
          logger.warn('sign-in refused', { error: (error as Error).message });
          return { statusCode: 403, body: 'sign-in refused' };
        }
      }
      case AUTH_ROUTES.logout:
        return logout(method, event, origin, settings);
      default:
        return { statusCode: 404, body: 'not found' };
    }
  };
}

/**
 * POST only, so a link or an image on another page cannot sign anyone out; a GET gets a 405 with
 * the button that posts. A cross-site POST (the browser says so in Sec-Fetch-Site or Origin) is refused too.
 */
function logout(method: string, event: LambdaFunctionURLEvent, origin: string, settings: AuthSettings): LambdaFunctionURLResult {
  if (method !== 'POST') {
    const form = signOutForm();
    return { ...form, statusCode: 405, headers: { ...form.headers, allow: 'POST' } };
  }
  const fetchSite = event.headers['sec-fetch-site'];
  const requestOrigin = event.headers.origin;
  if ((fetchSite && fetchSite !== 'same-origin') || (requestOrigin && requestOrigin !== origin)) return { statusCode: 403, body: 'sign out from the site itself' };
  return { ...logoutPage(logoutUrl(settings, `${origin}/`)), cookies: [clearCookie(SESSION_COOKIE, '/')] };
}

function redirect(location: string, cookies: string[]): LambdaFunctionURLResult {
  return { statusCode: 302, headers: { location, 'cache-control': 'no-store' }, cookies };
}

/** Settings from the environment, the app client id from Secrets Manager once; the session key re-read every few minutes. */
export async function loadSiteAuth(env: NodeJS.ProcessEnv = process.env, read: SecretReader = (secretId) => readSecret(secretId, env)) {
  const missing = Object.values(AUTH_ENV).filter((name) => !env[name]);
  if (missing.length || !env.AWS_REGION) throw new ConfigError('environment', [...missing, ...(env.AWS_REGION ? [] : ['AWS_REGION'])].map((n) => `${n} is not set`));
  const sessionKey = cachedSigningKey(() => read(env[AUTH_ENV.sessionKeySecretName]!));
  const [client] = await Promise.all([read(env[AUTH_ENV.clientSecretName]!), sessionKey()]);
  const { clientId } = JSON.parse(client) as { clientId?: string };
  if (!clientId) throw new ConfigError(AUTH_ENV.clientSecretName, ['the secret has no clientId']);
  const settings: AuthSettings = { domain: env[AUTH_ENV.domain]!, region: env.AWS_REGION, userPoolId: env[AUTH_ENV.userPoolId]!, clientId };
  return { settings, sessionKey, stage: env[STAGE_ENV] };
}
