// CloudFront Function (cloudfront-js-2.0), viewer request, on every behaviour of the site.
// Lets a request through only with a valid pmpulse session cookie (HS256 JWT signed with the key
// in the KeyValueStore); anyone else is sent to /_auth/login. Fails closed: no key, no access.
// The stack puts the KeyValueStore id in place of the placeholder below.
import cf from 'cloudfront';
import crypto from 'crypto';

const kvs = cf.kvs('__KVS_ID__');
const COOKIE = 'pmpulse_session';

async function handler(event) {
  const request = event.request;
  if (request.uri.indexOf('/_auth/') === 0) {
    // The sign-in function sits behind a function URL and needs the host the viewer used.
    request.headers['x-pmpulse-host'] = { value: request.headers.host.value };
    return request;
  }
  const cookie = request.cookies[COOKIE];
  if (cookie && (await isValid(cookie.value))) return withIndex(request);
  return {
    statusCode: 302,
    statusDescription: 'Found',
    headers: {
      location: { value: '/_auth/login?next=' + encodeURIComponent(request.uri) },
      'cache-control': { value: 'no-store' },
    },
  };
}

async function isValid(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  let key;
  try {
    key = await kvs.get('session-key');
  } catch (e) {
    return false;
  }
  const expected = crypto.createHmac('sha256', key).update(parts[0] + '.' + parts[1]).digest('base64url');
  if (!sameText(expected, parts[2])) return false;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
    return header.alg === 'HS256' && claims.iss === 'pmpulse' && claims.exp * 1000 > Date.now();
  } catch (e) {
    return false;
  }
}

// Compares every character, so the time taken does not tell how much of a forged signature matched.
function sameText(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// The bucket is reached through its REST endpoint, which has no index documents: /x/ and /x mean /x/index.html.
function withIndex(request) {
  const uri = request.uri;
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  else if (uri.split('/').pop().indexOf('.') === -1) request.uri = uri + '/index.html';
  return request;
}
