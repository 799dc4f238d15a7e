import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyStructuredResultV2 as LambdaFunctionURLResult, LambdaFunctionURLEvent } from 'aws-lambda';
import { ConfigError } from '../../config/index.ts';
import { clearCookie, readCookie, setCookie } from './cookies.ts';
import { authorizeUrl, exchangeCode, logoutUrl, type AuthSettings } from './oauth.ts';
import { SESSION_COOKIE, signSession } from './session.ts';
import { SERVICE_NAME } from '../logger.ts';
import { STAGE_ENV } from '../runtime-config.ts';
import { readSecret, type SecretReader } from '../secrets.ts';

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
const LOGIN_COOKIE = 'pmpulse_login';
const SESSION_SECONDS = 8 * 3600;

export interface SiteAuthEffects {
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * The sign-in side of the private site, behind `/_auth/*` of the distribution: `login` sends the
 * user to the Cognito hosted UI (PKCE), `callback` turns the code into the session cookie the
 * CloudFront Function checks, `logout` clears it.
 */
export function createSiteAuthHandler(settings: AuthSettings, sessionKey: string, effects: SiteAuthEffects = {}) {
  const doFetch = effects.fetch ?? globalThis.fetch;
  const now = effects.now ?? (() => new Date());
  const logger = new Logger({ serviceName: SERVICE_NAME, persistentKeys: { step: 'site-auth' } });
  return async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> => {
    const host = event.headers[VIEWER_HOST_HEADER];
    if (!host) return { statusCode: 400, body: 'reach the site through its CloudFront address' };
    const origin = `https://${host}`;
    const query = event.queryStringParameters ?? {};
    const redirectUri = `${origin}/_auth/callback`;
    switch (event.rawPath) {
      case '/_auth/login': {
        const state = randomBytes(16).toString('base64url');
        const verifier = randomBytes(32).toString('base64url');
        const next = Buffer.from(safeNext(query.next)).toString('base64url');
        return redirect(authorizeUrl(settings, { redirectUri, state, verifier }), [
          setCookie(LOGIN_COOKIE, `${state}.${verifier}.${next}`, { path: '/_auth/', maxAgeSeconds: 600 }),
        ]);
      }
      case '/_auth/callback': {
        const [state, verifier, next] = (readCookie(event.cookies, LOGIN_COOKIE) ?? '').split('.');
        if (!state || !verifier || query.state !== state || !query.code) return { statusCode: 400, body: 'sign-in expired: open the site again' };
        try {
          const claims = await exchangeCode(settings, { code: query.code, verifier, redirectUri, fetch: doFetch, now: now() });
          const exp = Math.floor(now().getTime() / 1000) + SESSION_SECONDS;
          const session = signSession({ sub: claims.sub, ...(claims.email ? { email: claims.email } : {}), exp }, sessionKey);
          logger.info('signed in', { sub: claims.sub });
          return redirect(safeNext(Buffer.from(next ?? '', 'base64url').toString('utf8')), [
            setCookie(SESSION_COOKIE, session, { path: '/', maxAgeSeconds: SESSION_SECONDS }),
            clearCookie(LOGIN_COOKIE, '/_auth/'),
          ]);
        } catch (error) {
          logger.warn('sign-in refused', { error: (error as Error).message });
          return { statusCode: 403, body: 'sign-in refused' };
        }
      }
      case '/_auth/logout':
        return redirect(logoutUrl(settings, `${origin}/`), [clearCookie(SESSION_COOKIE, '/')]);
      default:
        return { statusCode: 404, body: 'not found' };
    }
  };
}

/** Only a path on this site: never `//other.host` or an absolute URL (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}

function redirect(location: string, cookies: string[]): LambdaFunctionURLResult {
  return { statusCode: 302, headers: { location, 'cache-control': 'no-store' }, cookies };
}

/** Settings and session key from the environment and Secrets Manager, once per execution environment. */
export async function loadSiteAuth(env: NodeJS.ProcessEnv = process.env, read: SecretReader = (secretId) => readSecret(secretId, env)) {
  const missing = Object.values(AUTH_ENV).filter((name) => !env[name]);
  if (missing.length || !env.AWS_REGION) throw new ConfigError('environment', [...missing, ...(env.AWS_REGION ? [] : ['AWS_REGION'])].map((n) => `${n} is not set`));
  const [client, sessionKey] = await Promise.all([read(env[AUTH_ENV.clientSecretName]!), read(env[AUTH_ENV.sessionKeySecretName]!)]);
  const { clientId } = JSON.parse(client) as { clientId?: string };
  if (!clientId) throw new ConfigError(AUTH_ENV.clientSecretName, ['the secret has no clientId']);
  const settings: AuthSettings = { domain: env[AUTH_ENV.domain]!, region: env.AWS_REGION, userPoolId: env[AUTH_ENV.userPoolId]!, clientId };
  return { settings, sessionKey, stage: env[STAGE_ENV] };
}
