import { STATUS_CODES } from 'node:http';

/**
 * Errors a connector raises. Every message is one line naming the source and the request
 * (`METHOD url`, never credentials), so a failed sync reads well in a log line or an alarm.
 */

export interface ConnectorErrorDetails {
  source: string;
  /** `METHOD url`, with any user-info stripped from the url. */
  request: string;
  status?: number;
  cause?: unknown;
}

export class ConnectorError extends Error {
  override name = 'ConnectorError';
  readonly source: string;
  readonly request: string;
  readonly status: number | undefined;
  constructor(what: string, details: ConnectorErrorDetails) {
    super(oneLine(`${details.source}: ${details.request} ${what}`), { cause: details.cause });
    this.source = details.source;
    this.request = details.request;
    this.status = details.status;
  }
}

/** 401 or 403: the token is wrong, expired or lacks a permission. Never retried. */
export class AuthError extends ConnectorError {
  override name = 'AuthError';
  constructor(details: ConnectorErrorDetails & { status: number }) {
    super(`was refused (${details.status}): check the token and its permissions`, details);
  }
}

/** 429 answers kept coming after every retry the budget allowed. */
export class RateLimitError extends ConnectorError {
  override name = 'RateLimitError';
  readonly attempts: number;
  constructor(details: ConnectorErrorDetails & { attempts: number }) {
    super(`is still rate limited after ${details.attempts} attempts`, { ...details, status: 429 });
    this.attempts = details.attempts;
  }
}

/**
 * Any other 4xx, or a 5xx that outlived its retries. The message names the status and its
 * standard reason phrase, plus `vendorReason` when the client could read a field known to be
 * safe; never the answer's body, which may echo what was sent (a proxy quoting the token).
 */
export class HttpError extends ConnectorError {
  override name = 'HttpError';
  readonly attempts: number;
  readonly vendorReason: string | undefined;
  constructor(details: ConnectorErrorDetails & { status: number; attempts: number; vendorReason?: string }) {
    const tries = details.attempts > 1 ? ` after ${details.attempts} attempts` : '';
    const phrase = STATUS_CODES[details.status] ? ` ${STATUS_CODES[details.status]}` : '';
    const vendor = details.vendorReason ? ` (${details.vendorReason})` : '';
    super(`answered ${details.status}${phrase}${tries}${vendor}`, details);
    this.attempts = details.attempts;
    this.vendorReason = details.vendorReason;
  }
}

/** No answer: connection refused or reset, DNS failure, or the per-request timeout. */
export class NetworkError extends ConnectorError {
  override name = 'NetworkError';
  readonly attempts: number;
  constructor(details: ConnectorErrorDetails & { attempts: number; reason: string }) {
    super(`failed after ${details.attempts} attempts: ${details.reason}`, details);
    this.attempts = details.attempts;
  }
}

/** A whole answer does not have the shape the connector expects (the API changed, or a proxy answered). */
export class SchemaMismatchError extends ConnectorError {
  override name = 'SchemaMismatchError';
  readonly issues: readonly string[];
  constructor(details: ConnectorErrorDetails & { issues: readonly string[] }) {
    super(`answered an unexpected shape: ${details.issues.join('; ')}`, details);
    this.issues = details.issues;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}
export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}
export function isRateLimitError(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError;
}
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}
export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}
export function isSchemaMismatchError(error: unknown): error is SchemaMismatchError {
  return error instanceof SchemaMismatchError;
}

/** `METHOD url` with any `user:password@` removed, for messages and logs. */
export function describeRequest(method: string, url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return `${method} ${parsed.toString()}`;
  } catch {
    return `${method} ${url}`;
  }
}

/** One line, and no `user:password@` in any url it quotes (a fetch failure may echo the url). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/(\/\/)[^/@\s]+@/g, '$1').trim();
}
