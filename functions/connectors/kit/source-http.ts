import type { SyncContext } from './connector.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client.ts';

/**
 * The kit's HTTP client wired to a sync's context: its source name, fetch, clock, signal, retry
 * timing and log. A connector says only how it signs in (`headers`, and the `secrets` to redact:
 * the token and every encoding of it that goes on the wire) and what its retries are called in
 * the log, so every source retries, redacts and stops on the same terms.
 */
export interface SourceHttpOptions {
  headers: Record<string, string>;
  secrets: string[];
  /** The log line of a retry: "retrying Jira request". */
  retryMessage: string;
  /** A fetch wrapped by the connector (pacing, errors inside 200); the context's by default. */
  fetch?: typeof fetch;
}

export function createSourceHttp(context: SyncContext, options: SourceHttpOptions, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  return createHttpClient({
    source: context.source.name,
    fetch: options.fetch ?? context.fetch,
    headers: options.headers,
    secrets: options.secrets,
    now: context.now,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.sleep ? { sleep: context.sleep } : {}),
    ...(context.random ? { random: context.random } : {}),
    onRetry: (notice) => context.log.warn(options.retryMessage, { ...notice }),
    ...overrides,
  });
}
