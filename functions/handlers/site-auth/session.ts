import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The site session: an HS256 JWT in an HttpOnly cookie. HS256 because the edge check runs in a
 * CloudFront Function, whose crypto offers HMAC but no RSA verification; the key lives in the
 * distribution's KeyValueStore and in Secrets Manager, never in code or templates.
 */
export const SESSION_COOKIE = 'pmpulse_session';
export const SESSION_ISSUER = 'pmpulse';
/** The KeyValueStore key the CloudFront Function reads the signing key from. */
export const SESSION_KEY_NAME = 'session-key';

export interface SessionClaims {
  sub: string;
  email?: string;
  /** Seconds since the epoch, as JWTs count. */
  exp: number;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (input: string, key: string) => createHmac('sha256', key).update(input).digest('base64url');

export function signSession(claims: SessionClaims, key: string): string {
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: SESSION_ISSUER, ...claims })}`;
  return `${input}.${sign(input, key)}`;
}

/** The claims of a valid, unexpired session token; undefined for anything else. */
export function verifySession(token: string, key: string, now: Date): (SessionClaims & { iss: string }) | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  const expected = Buffer.from(sign(`${header}.${payload}`, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims & { iss: string };
    const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (alg !== 'HS256' || claims.iss !== SESSION_ISSUER || !(claims.exp * 1000 > now.getTime())) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
