import type { ApiReply, ApiRequest } from './http-kit.ts';
import { asanaError } from './asana-paging.ts';

/**
 * Asana lets a page offset expire ("an offset token will expire after some time, as data may have
 * changed"): a request that brings one back too late is answered 400 naming the offset, as a
 * stale token is. The demo expires an offset once `ttlMs` have passed on the server's clock since
 * it was handed out, or at once for every offset handed out so far (`expireAll`), so a connector
 * can be shown to start that listing over.
 */
export interface OffsetExpiry {
  /** The 400 for a request whose offset has expired; undefined when it may go on. */
  refuse(request: ApiRequest): ApiReply | undefined;
  /** Notes the offset a reply hands out, with the instant it did. */
  note(reply: ApiReply): ApiReply;
  expireAll(): void;
}

/** The message the demo answers; Asana's own wording of an expired offset is not documented. */
export const expiredOffsetMessage = 'offset: Your pagination token has expired. Please restart the request without an offset.';

export function offsetExpiry(ttlMs: number | undefined, now: () => Date): OffsetExpiry {
  const issued = new Map<string, number>();
  let expiredBefore = Number.NEGATIVE_INFINITY;
  return {
    refuse(request) {
      const offset = request.query.get('offset');
      const at = offset === null ? undefined : issued.get(offset);
      // An offset this server never handed out is judged by the listing itself (invalid, or a position).
      if (at === undefined) return undefined;
      const expired = at <= expiredBefore || (ttlMs !== undefined && now().getTime() - at > ttlMs);
      return expired ? asanaError(400, expiredOffsetMessage) : undefined;
    },
    note(reply) {
      const offset = (reply.body as { next_page?: { offset?: unknown } | null } | null)?.next_page?.offset;
      // The demo's offsets name a position, so one handed out again is the same text: it is new again.
      if (typeof offset === 'string') issued.set(offset, now().getTime());
      return reply;
    },
    expireAll() {
      expiredBefore = Math.max(...issued.values(), expiredBefore);
    },
  };
}
