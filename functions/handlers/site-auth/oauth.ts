import { createHash } from 'node:crypto';
import * as z from 'zod';

/** Where the organisation's users sign in: the Cognito user pool, its hosted-UI domain and the site's app client. */
export interface AuthSettings {
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  domain: string;
  region: string;
  userPoolId: string;
  clientId: string;
}

export class AuthError extends Error {
  override name = 'AuthError';
}

export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export function authorizeUrl(settings: AuthSettings, options: { redirectUri: string; state: string; verifier: string }): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: options.redirectUri,
    scope: 'openid email',
    state: options.state,
    code_challenge_method: 'S256',
    code_challenge: pkceChallenge(options.verifier),
  });
  return `${settings.domain}/oauth2/authorize?${query}`;
}

export function logoutUrl(settings: AuthSettings, logoutUri: string): string {
  return `${settings.domain}/logout?${new URLSearchParams({ client_id: settings.clientId, logout_uri: logoutUri })}`;
}

const TokenReplySchema = z.object({ id_token: z.string() });
// Loose: the groups and custom attributes the roles come from (./roles.ts) ride along.
const IdClaimsSchema = z.looseObject({
  sub: z.string(),
  aud: z.string(),
  iss: z.string(),
  token_use: z.literal('id'),
  exp: z.number(),
  email: z.string().optional(),
});
export type IdClaims = z.infer<typeof IdClaimsSchema>;

/**
 * Exchanges the code (with its PKCE verifier) for the user's ID token. The token comes straight
 * from Cognito's token endpoint over TLS, so its claims are checked (audience, issuer, use,
 * expiry) without a JWKS round trip (OpenID Connect Core 3.1.3.7).
 */
export async function exchangeCode(
  settings: AuthSettings,
  options: { code: string; verifier: string; redirectUri: string; fetch: typeof fetch; now: Date },
): Promise<IdClaims> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: settings.clientId,
    code: options.code,
    redirect_uri: options.redirectUri,
    code_verifier: options.verifier,
  });
  const response = await options.fetch(`${settings.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!response.ok) throw new AuthError(`token endpoint answered ${response.status}`);
  const { id_token: idToken } = TokenReplySchema.parse(await response.json());
  const claims = IdClaimsSchema.parse(JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')));
  const issuer = `https://cognito-idp.${settings.region}.amazonaws.com/${settings.userPoolId}`;
  if (claims.aud !== settings.clientId) throw new AuthError('ID token is for another client');
  if (claims.iss !== issuer) throw new AuthError('ID token is from another user pool');
  if (claims.exp * 1000 <= options.now.getTime()) throw new AuthError('ID token has expired');
  return claims;
}
