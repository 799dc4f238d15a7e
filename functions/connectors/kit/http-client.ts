import { setTimeout as delay } from 'node:timers/promises';
import { AuthError, describeRequest, HttpError, isConnectorError, NetworkError, RateLimitError, SchemaMismatchError } from './errors.ts';
import { createRedactor } from './redact.ts';
import { backoffDelay, isTransientStatus, rateLimitDelay } from './retry-policy.ts';
import { createSemaphore } from './semaphore.ts';
import { vendorReason } from './vendor-reason.ts';

/**
 * The one HTTP client every connector uses: JSON in and out over an injected `fetch`, a bound
 * on concurrent requests, retries on 429 (waiting as long as the answer asks), on 5xx and on
 * network failures (exponential backoff, full jitter), a timeout per attempt, and a cap on both
 * attempts and total waiting. Sleep, random and clock are injectable so tests run instantly.
 */

export interface RetryNotice {
  request: string;
  attempt: number;
  waitMs: number;
  reason: string;
}

export interface HttpClientOptions {
  /** Source name, for error messages. */
  source: string;
  fetch: typeof fetch;
  /** Sent with every request (authorization goes here; it never reaches a message). */
  headers?: Record<string, string>;
  /** Strings to blank out of any message, e.g. the token (also URL-encoded and base64 forms: redact.ts). */
  secrets?: readonly string[];
  concurrency?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Total time the client may spend waiting between attempts of one request. */
  maxRetryMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => Date;
  signal?: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
}

export interface HttpClient {
  getJson(url: string): Promise<unknown>;
  postJson(url: string, body: unknown): Promise<unknown>;
}

type Outcome =
  | { kind: 'ok'; value: unknown }
  | { kind: 'status'; status: number; headers: Headers; body: string }
  | { kind: 'network'; reason: string; cause: unknown };

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(ms, undefined, signal ? { signal } : undefined);

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings = {
    timeoutMs: options.timeoutMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 6,
    maxRetryMs: options.maxRetryMs ?? 180_000,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    now: options.now ?? (() => new Date()),
  };
  const semaphore = createSemaphore(options.concurrency ?? 4);
  const redact = createRedactor(options.secrets ?? []);

  async function attemptOnce(method: string, url: string, body: unknown): Promise<Outcome> {
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const init: RequestInit = { method, headers, signal };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await options.fetch(url, init);
      const text = await response.text();
      if (!response.ok) return { kind: 'status', status: response.status, headers: response.headers, body: text };
      return { kind: 'ok', value: parseJson(text, method, url) };
    } catch (error) {
      if (error instanceof SchemaMismatchError) throw error;
      if (options.signal?.aborted) throw options.signal.reason;
      return { kind: 'network', reason: networkReason(error, settings.timeoutMs), cause: error };
    }
  }

  function parseJson(text: string, method: string, url: string): unknown {
    try {
      return text === '' ? null : JSON.parse(text);
    } catch {
      // Its size and kind, never its text (nor JSON.parse's error, which quotes it): a login page
      // or a proxy's answer may repeat what was sent.
      const issues = [`body is not JSON (${text.length} characters${/^\s*</.test(text) ? ', markup' : ''})`];
      throw new SchemaMismatchError({ source: options.source, request: describeRequest(method, url), issues });
    }
  }

  /** The wait before the next attempt, or the error to throw when none is left. */
  function nextWait(outcome: Exclude<Outcome, { kind: 'ok' }>, attempt: number, waited: number, request: string): number | Error {
    const base = { source: options.source, request, attempts: attempt };
    const backoff = backoffDelay(attempt, settings);
    if (outcome.kind === 'network') {
      const wait = backoff;
      return canRetry(attempt, waited, wait) ? wait : new NetworkError({ ...base, reason: redact(outcome.reason), cause: outcome.cause });
    }
    const { status } = outcome;
    if (status === 401 || status === 403) return new AuthError({ source: options.source, request, status });
    if (status === 429) {
      const wait = rateLimitDelay(outcome.headers, settings.now()) ?? backoff;
      return canRetry(attempt, waited, wait) ? wait : new RateLimitError(base);
    }
    const reason = vendorReason(outcome.body);
    const error = new HttpError({ ...base, status, ...(reason ? { vendorReason: redact(reason) } : {}) });
    return isTransientStatus(status) && canRetry(attempt, waited, backoff) ? backoff : error;
  }

  function canRetry(attempt: number, waited: number, wait: number): boolean {
    return attempt < settings.maxAttempts && waited + wait <= settings.maxRetryMs;
  }

  async function send(method: string, url: string, body?: unknown): Promise<unknown> {
    const request = describeRequest(method, url);
    let waited = 0;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await semaphore.run(() => attemptOnce(method, url, body)).catch((error: unknown) => {
        throw error instanceof Error ? redacted(error) : error;
      });
      if (outcome.kind === 'ok') return outcome.value;
      const wait = nextWait(outcome, attempt, waited, request);
      if (wait instanceof Error) throw redacted(wait);
      const reason = outcome.kind === 'status' ? `status ${outcome.status}` : redact(outcome.reason);
      options.onRetry?.({ request: redact(request), attempt, waitMs: wait, reason });
      await settings.sleep(wait, options.signal);
      waited += wait;
    }
  }

  /** Last line of defence: whatever a message quotes (a url, a network reason), no secret survives in it. */
  function redacted(error: Error): Error {
    if (isConnectorError(error)) error.message = redact(error.message);
    return error;
  }

  return {
    getJson: (url) => send('GET', url),
    postJson: (url, body) => send('POST', url, body),
  };
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? (cause?.message ?? error.message) : String(error);
}
