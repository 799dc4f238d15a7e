import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for one request with a body in hand: the `Authorization` header value.
 * Enough for the JSON protocol calls the handlers make at init (Secrets Manager's
 * GetSecretValue), so a function need not load an AWS SDK client to read its secrets. Checked
 * against the published SigV4 test suite and against the SDK's own signer (test/handlers/sigv4.test.ts).
 */

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (a Lambda role's) also carry a session token. */
  sessionToken?: string;
}

export interface SignableRequest {
  method: string;
  /** The path, not encoded (the JSON protocols post to `/`); each segment is URI-encoded once for the canonical form. */
  path: string;
  /** Query parameters, not yet encoded. */
  query?: Record<string, string>;
  /** Every header to sign, `host` and `x-amz-date` among them; names in any case. */
  headers: Record<string, string>;
  body: string;
}

export interface SigningScope {
  credentials: SigningCredentials;
  region: string;
  service: string;
  /** `YYYYMMDDTHHMMSSZ`, the same value as the request's `x-amz-date` header. */
  amzDate: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** `2015-08-30T12:36:00.000Z` → `20150830T123600Z`. */
export function amzDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding, as SigV4 asks: everything but unreserved characters. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(path: string): string {
  return path.split('/').map(uriEncode).join('/');
}

function canonicalQuery(query: Record<string, string> = {}): string {
  return Object.entries(query)
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** The canonical request and the list of signed header names, as step 1 of the specification builds them. */
export function canonicalRequest(request: SignableRequest): { text: string; signedHeaders: string } {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const text = [
    request.method.toUpperCase(),
    canonicalPath(request.path),
    canonicalQuery(request.query),
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  return { text, signedHeaders };
}

/** The signing key of one day, region and service (HMAC chain from the secret access key). */
export function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
}

/** The `Authorization` header value for `request` (which must carry `x-amz-date: scope.amzDate`). */
export function signV4(request: SignableRequest, scope: SigningScope): string {
  const day = scope.amzDate.slice(0, 8);
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const { text, signedHeaders } = canonicalRequest(request);
  const stringToSign = [ALGORITHM, scope.amzDate, credentialScope, sha256Hex(text)].join('\n');
  const signature = createHmac('sha256', signingKey(scope.credentials.secretAccessKey, day, scope.region, scope.service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  return `${ALGORITHM} Credential=${scope.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
