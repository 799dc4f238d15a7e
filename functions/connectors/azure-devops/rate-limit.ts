/**
 * Azure DevOps' global rate limiting. A 429 carries `Retry-After` (seconds), which the kit's client
 * waits out. Azure DevOps also sends `Retry-After` on successful answers once a token nears its
 * limit (with `X-RateLimit-Resource`, `-Delay`, `-Limit`, `-Remaining`, and `-Reset` in Unix epoch
 * seconds): the request went through, the next should wait. And `X-RateLimit-Reset` is epoch
 * seconds, not the ISO time the kit reads. This fetch wrapper bridges both: it holds the next
 * request after a successful answer that asked for a pause, and gives a 429 that names only the
 * reset instant the matching `Retry-After`.
 */

export interface PacingOptions {
  now: () => Date;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called once per pause asked by a successful answer. */
  onPause?: (ms: number) => void;
}

/** The longest pause a successful answer may impose; longer asks are capped (a 429 would follow anyway). */
const maxPauseMs = 60_000;

export function pacedFetch(fetchImpl: typeof fetch, options: PacingOptions): typeof fetch {
  let resumeAt = 0;
  return async (input, init) => {
    const wait = resumeAt - options.now().getTime();
    if (wait > 0) await options.sleep(Math.min(wait, maxPauseMs), init?.signal ?? undefined);
    const response = await fetchImpl(input, init);
    if (response.status < 400) {
      const pause = retryAfterMs(response.headers.get('retry-after'));
      if (pause !== undefined && pause > 0) {
        options.onPause?.(pause);
        resumeAt = options.now().getTime() + pause;
      }
      return response;
    }
    if (response.status === 429 && !response.headers.has('retry-after')) {
      const seconds = secondsUntilReset(response.headers.get('x-ratelimit-reset'), options.now());
      if (seconds !== undefined) {
        const headers = new Headers(response.headers);
        headers.set('retry-after', String(seconds));
        return new Response(await response.text(), { status: response.status, statusText: response.statusText, headers });
      }
    }
    return response;
  };
}

function retryAfterMs(value: string | null): number | undefined {
  if (value === null || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Math.round(Number(value.trim()) * 1000);
}

/** `X-RateLimit-Reset` as Azure DevOps writes it: Unix epoch seconds. */
export function secondsUntilReset(value: string | null, now: Date): number | undefined {
  if (value === null || !/^\d{9,11}$/.test(value.trim())) return undefined;
  return Math.max(0, Math.ceil(Number(value.trim()) - now.getTime() / 1000));
}
