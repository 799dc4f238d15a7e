// CloudFront Function (cloudfront-js-2.0), viewer request, on the site's default behaviour.
// Admits a request only with a valid session cookie (HS256 JWT, key `key:<kid>` in the
// KeyValueStore, not issued before `nbf` or `nbf:<sub>`), then serves what the person's roles allow:
// the page, its anonymised twin, or the no-access page. Exempts no path. Fails closed: no key, no access.
// At synth the stack replaces __KVS_ID__ and __ACCESS_RULES__ (functions/access/role-rules.ts).
import cf from 'cloudfront';
import crypto from 'crypto';

const kvs = cf.kvs('__KVS_ID__');
const RULES = __ACCESS_RULES__;
const COOKIE = '__Host-pmpulse_session';
const MAX_SECONDS = 3600;
const BLOCKED_SEES = [RULES.noAccessPath + '*', '/_astro/*'];

async function handler(event) {
  const request = event.request;
  const cookie = request.cookies[COOKIE];
  const session = cookie ? await sessionOf(cookie.value) : null;
  // No session, or one ended by a past not-before: sign in again (silently while Cognito's own session lasts).
  if (!session) return redirect('/_auth/login?next=' + encodeURIComponent(request.uri));
  const path = cleanPath(request.uri);
  if (path === null) return { statusCode: 400, statusDescription: 'Bad Request' };
  const served = session.blocked ? (BLOCKED_SEES.some((p) => matches(p, path)) ? path : null) : decide(path, session);
  // A redirect, not a rewrite: the address says "no access", and no cache keeps it under the page's address.
  if (served === null) return redirect(RULES.noAccessPath);
  if (served !== path) request.uri = RULES.anonymisedPrefix + request.uri;
  return withIndex(request);
}

// The same rule as decideAccess in functions/access/role-rules.ts; the tests hold the two together.
function decide(path, session) {
  const any = (patterns) => patterns.some((p) => matches(p, path, session.person));
  if (any(RULES.anySignedIn)) return path;
  const roles = Object.keys(RULES.roles).filter((r) => session.roles.indexOf(r) !== -1);
  if (roles.some((r) => any(RULES.roles[r].named))) return path;
  if (!path.startsWith(RULES.anonymisedPrefix + '/') && roles.some((r) => any(RULES.roles[r].anonymised))) return RULES.anonymisedPrefix + path;
  return null;
}

function matches(pattern, path, person) {
  if (pattern.indexOf('{person}') !== -1) {
    if (typeof person !== 'string' || !person) return false;
    pattern = pattern.replace('{person}', person);
  }
  if (!pattern.endsWith('*')) return path === pattern;
  const prefix = pattern.slice(0, -1);
  return path.startsWith(prefix) || (prefix.endsWith('/') && path === prefix.slice(0, -1));
}

// Decides on the path the origin will read: decoded, with no dot segment, empty segment, backslash or control character.
function cleanPath(uri) {
  let path;
  try {
    path = decodeURIComponent(uri);
  } catch (e) {
    return null;
  }
  if (path[0] !== '/' || /[\u0000-\u001f\u007f\\]|\/\/|\/\.\.?(\/|$)/.test(path)) return null;
  return path;
}

async function sessionOf(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let header, claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
  } catch (e) {
    return null;
  }
  if (header.alg !== 'HS256' || !/^[0-9a-f]{16}$/.test(header.kid)) return null;
  const key = await read('key:' + header.kid);
  if (!key) return null;
  const expected = crypto.createHmac('sha256', key).update(parts[0] + '.' + parts[1]).digest('base64url');
  if (!sameText(expected, parts[2])) return null;
  const now = Date.now() / 1000;
  if (claims.iss !== 'pmpulse' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return null;
  if (!(claims.exp > now) || !(claims.iat <= now + 60) || claims.exp - claims.iat > MAX_SECONDS) return null;
  const notBefore = Math.max(await notBeforeOf('nbf'), await notBeforeOf('nbf:' + claims.sub));
  if (!(claims.iat >= notBefore)) return notBefore > now ? { blocked: true } : null;
  return claims;
}

// An unreadable value blocks rather than admits.
async function notBeforeOf(name) {
  const value = await read(name);
  if (value === null) return 0;
  const seconds = Number(value);
  return isFinite(seconds) ? seconds : Infinity;
}

async function read(name) {
  try {
    return await kvs.get(name);
  } catch (e) {
    return null;
  }
}

// Compares every character, so the time taken does not tell how much of a forged signature matched.
function sameText(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function redirect(location) {
  return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: location }, 'cache-control': { value: 'no-store' } } };
}

// The bucket is reached through its REST endpoint, which has no index documents: /x/ and /x mean /x/index.html.
function withIndex(request) {
  const uri = request.uri;
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  else if (uri.split('/').pop().indexOf('.') === -1) request.uri = uri + '/index.html';
  return request;
}
