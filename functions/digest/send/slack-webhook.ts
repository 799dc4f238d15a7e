import type { SlackMessage } from '../render/slack.ts';

/** Posts one message to one Slack channel (an incoming webhook); throws when Slack did not take it. */
export interface SlackPoster {
  post(message: SlackMessage): Promise<void>;
  /** How reports and errors name the channel: never the webhook URL, which is a secret. */
  label?: string;
}

/**
 * Slack did not take the message. `code` is Slack's own word from the response body
 * (`invalid_blocks`, `no_text`, `no_service`, `channel_is_archived`, `rate_limited`, …) or
 * `unreachable`; `status` the HTTP status (0 when there was no answer). The message names the
 * channel by its label, never by the webhook URL.
 */
export class SlackWebhookError extends Error {
  override name = 'SlackWebhookError';
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** Slack kept answering 429 after every retry it asked for. */
export class SlackRateLimitError extends SlackWebhookError {
  override name = 'SlackRateLimitError';
  readonly retryAfterSeconds: number;
  constructor(label: string, retryAfterSeconds: number, attempts: number) {
    super('rate_limited', 429, `${label}: Slack answered 429 (rate limited) ${attempts} times; it asked to wait ${retryAfterSeconds} s more`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const isSlackWebhookError = (error: unknown): error is SlackWebhookError => error instanceof SlackWebhookError;

export interface SlackPosterOptions {
  /** How the channel is named in errors and reports (e.g. the environment variable holding the URL). */
  label?: string;
  /** Posts in all, the first included, while Slack answers 429. */
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited for: the post fails instead. */
  maxWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A SlackPoster for an incoming webhook: POSTs the message as JSON. Slack answers `ok`, or an error
 * word in a text body with a 4xx/5xx status. A 429 means the message was not posted, so it is sent
 * again after the Retry-After seconds; other failures are not retried, as a 5xx may have posted it.
 * The URL holds the webhook's secret: no error or log line carries it (fetch's own errors for a bad
 * URL would), so it is checked here and fetch failures are reported by their cause's code only.
 */
export function slackWebhookPoster(url: string, fetchImpl: typeof fetch = fetch, options: SlackPosterOptions = {}): SlackPoster {
  const label = options.label ?? 'Slack webhook';
  const maxAttempts = options.maxAttempts ?? 3;
  const maxWaitSeconds = options.maxWaitSeconds ?? 60;
  const sleep = options.sleep ?? sleepFor;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const usable = parsed !== undefined && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
  return {
    label,
    async post(message) {
      if (!usable) throw new SlackWebhookError('bad_url', 0, `${label}: the webhook URL is not an http(s) URL`);
      for (let attempt = 1; ; attempt++) {
        let response: Response;
        try {
          response = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(message) });
        } catch (error) {
          throw new SlackWebhookError('unreachable', 0, `${label}: Slack could not be reached (${causeCode(error)})`);
        }
        const body = redact((await response.text()).trim(), url);
        if (response.ok) return;
        if (response.status === 429) {
          const wait = retryAfterSeconds(response.headers.get('retry-after'));
          if (attempt >= maxAttempts || wait > maxWaitSeconds) throw new SlackRateLimitError(label, wait, attempt);
          await sleep(wait * 1000);
          continue;
        }
        const code = /^[a-z_]{1,64}$/.test(body) ? body : 'http_error';
        throw new SlackWebhookError(code, response.status, `${label}: Slack answered ${response.status} ${code === 'http_error' ? JSON.stringify(body.slice(0, 120)) : code}`);
      }
    },
  };
}

/** Seconds from a Retry-After header (delta-seconds; Slack sends no dates); 1 when absent or unreadable. */
function retryAfterSeconds(header: string | null): number {
  const seconds = header === null ? NaN : Number(header.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : 1;
}

/** A fetch failure by its cause's code (ECONNREFUSED, ENOTFOUND, …): the messages may quote the URL. */
function causeCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown error';
}

/** The body without the URL or its path, should a proxy echo the request. */
function redact(text: string, url: string): string {
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    path = '';
  }
  let out = text.split(url).join('[webhook]');
  if (path.length > 1) out = out.split(path).join('[webhook]');
  return out;
}
