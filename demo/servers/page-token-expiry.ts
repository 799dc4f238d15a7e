import type { ApiReply, ApiRequest } from './http-kit.ts';

/**
 * Page tokens that expire. Asana says so of its offsets ("an offset token will expire after some
 * time, as data may have changed"); Jira's enhanced search answers a token it cannot use "invalid
 * or expired". A request that brings a token back too late gets the vendor's 400. The demo
 * expires a token once `ttlMs` have passed on the server's clock since it was handed out, or at
 * once for every token handed out so far (`expireAll`), so a connector can be shown to start that
 * listing over.
 */
export interface TokenExpiry {
  /** The 400 for a request whose token has expired; undefined when it may go on. */
  refuse(request: ApiRequest): ApiReply | undefined;
  /** Notes the token a reply hands out, with the instant it did. */
  note(reply: ApiReply): ApiReply;
  expireAll(): void;
}

export interface TokenRules {
  ttlMs?: number | undefined;
  now: () => Date;
  /** The token a request brings back (query or body). */
  tokenOf(request: ApiRequest): string | undefined;
  /** The token a reply hands out. */
  issuedIn(reply: ApiReply): string | undefined;
  /** The vendor's answer to an expired token. */
  expired: ApiReply;
}

export function tokenExpiry(rules: TokenRules): TokenExpiry {
  /** Token → when it was handed out, and in which generation (`expireAll` starts a new one). */
  const issued = new Map<string, { at: number; generation: number }>();
  let generation = 0;
  return {
    refuse(request) {
      const token = rules.tokenOf(request);
      const handed = token === undefined ? undefined : issued.get(token);
      // A token this server never handed out is judged by the listing itself (invalid, or a position).
      if (handed === undefined) return undefined;
      const expired = handed.generation < generation || (rules.ttlMs !== undefined && rules.now().getTime() - handed.at > rules.ttlMs);
      return expired ? rules.expired : undefined;
    },
    note(reply) {
      const token = rules.issuedIn(reply);
      // The demo's tokens name a position, so one handed out again is the same text: it is new again.
      if (token !== undefined) issued.set(token, { at: rules.now().getTime(), generation });
      return reply;
    },
    expireAll() {
      generation += 1;
    },
  };
}
