/**
 * How long to wait before the next attempt. Rate-limit answers say when to come back
 * (`Retry-After` in seconds or as an HTTP date, or `X-RateLimit-Reset` as an ISO time);
 * everything else backs off exponentially with full jitter so many clients do not retry in step.
 */

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

/** Full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. `attempt` counts from 1. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(options.random() * ceiling);
}

/** The wait a 429 asks for, in ms, or undefined when the answer names none. */
export function rateLimitDelay(headers: Headers, now: Date): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const fromRetryAfter = parseRetryAfter(retryAfter, now);
    if (fromRetryAfter !== undefined) return fromRetryAfter;
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null) return untilTime(reset, now);
  return undefined;
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string, now: Date): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  return untilTime(trimmed, now);
}

function untilTime(value: string, now: Date): number | undefined {
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Status codes worth another attempt besides 429: the server or a gateway had a bad moment. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status >= 500;
}
