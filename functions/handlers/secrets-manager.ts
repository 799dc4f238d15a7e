import { amzDate, sha256Hex, signV4, type SigningCredentials } from './sigv4.ts';

/**
 * Secrets Manager's GetSecretValue as one signed HTTPS request, for the functions that read
 * secrets at init: loading the SDK client and its credential chain for one call is most of that
 * read's cost at a cold start. It signs with the credentials the Lambda runtime puts in the
 * environment; `targetFromEnv` returns undefined where the environment does not settle the call
 * (no static credentials, no region, a FIPS or dual-stack endpoint, a partition it does not
 * know), and the caller then uses the SDK.
 */

export interface SecretsManagerTarget {
  endpoint: URL;
  region: string;
  credentials: SigningCredentials;
}

export interface GetSecretOptions {
  now?: () => Date;
  /** Tries in all, for network errors, timeouts, throttling and 5xx answers (default 3). */
  attempts?: number;
  /** Per try (default 3 s, so three tries stay inside Lambda's 10 s init). */
  timeoutMs?: number;
  /** Wait before retry `n` (1-based); default 100 ms × 2^(n-1), jittered. */
  backoffMs?: (retry: number) => number;
}

const SERVICE = 'secretsmanager';
const TARGET = 'secretsmanager.GetSecretValue';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

const truthy = (value: string | undefined) => value !== undefined && /^(1|true)$/i.test(value.trim());

/** The endpoint of the public partitions; undefined for a region it does not know. */
function defaultEndpoint(region: string): string | undefined {
  if (/^cn-[a-z]+-\d+$/.test(region)) return `https://${SERVICE}.${region}.amazonaws.com.cn`;
  if (/^[a-z]{2}(-gov)?-[a-z]+-\d+$/.test(region)) return `https://${SERVICE}.${region}.amazonaws.com`;
  return undefined;
}

/** Where and as whom to call, from the environment alone, or undefined (see above). */
export function targetFromEnv(env: NodeJS.ProcessEnv): SecretsManagerTarget | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!accessKeyId || !secretAccessKey || !region) return undefined;
  if (truthy(env.AWS_USE_FIPS_ENDPOINT) || truthy(env.AWS_USE_DUALSTACK_ENDPOINT)) return undefined;
  const configured = truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ? undefined : env.AWS_ENDPOINT_URL_SECRETS_MANAGER || env.AWS_ENDPOINT_URL;
  const endpoint = configured || defaultEndpoint(region);
  if (!endpoint) return undefined;
  return { endpoint: new URL(endpoint), region, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}

/** An answer Secrets Manager gave, or the last failure of the tries. */
export class SecretsManagerError extends Error {
  override name = 'SecretsManagerError';
  /** The service's error type, e.g. `ResourceNotFoundException`, or `NetworkError`. */
  readonly code: string;
  readonly status: number | undefined;
  constructor(message: string, code: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.status = status;
  }
}

/** The secret's `SecretString`, or undefined when it holds a binary value only. */
export async function getSecretString(secretId: string, target: SecretsManagerTarget, options: GetSecretOptions = {}): Promise<string | undefined> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? ((retry: number) => 100 * 2 ** (retry - 1) * (0.5 + Math.random() / 2));
  for (let attempt = 1; ; attempt++) {
    try {
      return await getOnce(secretId, target, options);
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
    }
  }
}

function retryable(error: unknown): boolean {
  if (!(error instanceof SecretsManagerError)) return false;
  if (error.status === undefined) return true;
  return error.status >= 500 || error.status === 429 || /Throttl|TooManyRequests|RequestTimeout/.test(error.code);
}

async function getOnce(secretId: string, target: SecretsManagerTarget, options: GetSecretOptions): Promise<string | undefined> {
  const { endpoint, region, credentials } = target;
  const body = JSON.stringify({ SecretId: secretId });
  const date = amzDate((options.now ?? (() => new Date()))());
  const signed: Record<string, string> = {
    'content-type': CONTENT_TYPE,
    host: endpoint.host,
    // As the SDK sends it: the payload hash, signed too.
    'x-amz-content-sha256': sha256Hex(body),
    'x-amz-date': date,
    'x-amz-target': TARGET,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
  };
  const path = endpoint.pathname || '/';
  const authorization = signV4({ method: 'POST', path, headers: signed, body }, { credentials, region, service: SERVICE, amzDate: date });
  const { status, text } = await post(new URL(path, endpoint), { ...signed, authorization, 'content-length': String(Buffer.byteLength(body)) }, body, options.timeoutMs ?? 3000);
  const json = parse(text);
  if (status >= 200 && status < 300) {
    if (!json) throw new SecretsManagerError(`GetSecretValue ${secretId}: the answer is not JSON`, 'InvalidResponse', status);
    return typeof json.SecretString === 'string' ? json.SecretString : undefined;
  }
  const code = String(json?.__type ?? `HTTP${status}`).split('#').at(-1)!;
  const message = String(json?.message ?? json?.Message ?? text.slice(0, 200));
  throw new SecretsManagerError(`GetSecretValue ${secretId}: ${code}: ${message}`, code, status);
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(text);
    return json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** One POST on a connection of its own; the http(s) module is loaded on first use only. */
async function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  const { request } = url.protocol === 'http:' ? await import('node:http') : await import('node:https');
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new SecretsManagerError(`GetSecretValue: ${error.message} (${url.host})`, 'NetworkError', undefined, { cause: error }));
    const req = request(url, { method: 'POST', headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', fail);
    req.end(body);
  });
}
