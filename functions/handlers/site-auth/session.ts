import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The site session: an HS256 JWT in an HttpOnly cookie. HS256 because the edge check runs in a
 * CloudFront Function, whose crypto offers HMAC but no RSA verification; the key lives in the
 * distribution's KeyValueStore (as `key:<kid>`) and in Secrets Manager, never in code or templates.
 */
// `__Host-`: the browser accepts it only Secure, with Path=/ and no Domain, so no sibling host
// (another *.cloudfront.net or a subdomain of a custom domain) can plant or shadow it.
export const SESSION_COOKIE = '__Host-pmpulse_session';
export const SESSION_ISSUER = 'pmpulse';
/** At most as long as Cognito's ID token; renewal goes back through the hosted UI's own session. */
export const SESSION_MAX_SECONDS = 3600;
/** KeyValueStore keys the CloudFront Function reads: the signing key per kid, and the not-before values. */
export const kvsKeyName = (kid: string) => `key:${kid}`;
export const GLOBAL_NOT_BEFORE_KEY = 'nbf';
export const notBeforeKeyName = (sub: string) => `nbf:${sub}`;

export interface SessionClaims {
  sub: string;
  email?: string;
  /** The site roles (Cognito groups or the provider's group claim) this person holds. */
  roles: string[];
  /** The `people[]` id of a PM, from the ID token. */
  person?: string;
  /** Seconds since the epoch, as JWTs count. */
  iat: number;
  exp: number;
}

/** A signing key and the id the edge finds it under. */
export interface SessionKey {
  kid: string;
  key: string;
}

/**
 * The kid is derived from the key (16 hex digits of SHA-256 over a fixed prefix and the key), so a
 * new secret value brings its own kid and nothing else has to be kept in step. An operator computes
 * it with `printf 'pmpulse-kid:%s' "$KEY" | sha256sum | cut -c1-16`.
 */
export function keyId(key: string): string {
  return createHash('sha256').update(`pmpulse-kid:${key}`).digest('hex').slice(0, 16);
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (input: string, key: string) => createHmac('sha256', key).update(input).digest('base64url');

export function signSession(claims: SessionClaims, key: SessionKey): string {
  const input = `${encode({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${encode({ iss: SESSION_ISSUER, ...claims })}`;
  return `${input}.${sign(input, key.key)}`;
}

/** The claims of a valid, unexpired session token signed with one of `keys` (by kid); undefined for anything else. */
export function verifySession(token: string, keys: readonly SessionKey[], now: Date): (SessionClaims & { iss: string }) | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  try {
    const { alg, kid } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
    const key = keys.find((k) => k.kid === kid);
    if (alg !== 'HS256' || !key) return undefined;
    const expected = Buffer.from(sign(`${header}.${payload}`, key.key));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims & { iss: string };
    if (claims.iss !== SESSION_ISSUER || !(claims.exp * 1000 > now.getTime())) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
