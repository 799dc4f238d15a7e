import { createHmac } from 'node:crypto';
import type { StoredErasures } from '../store/erasure-table.ts';

/**
 * Who was erased, as later syncs ask it: "is this account (or e-mail) erased, and under which
 * anonymous token do its records go?" The list knows only keyed digests (store/erasure-table.ts),
 * so it answers for an account it is shown and can never list the people behind it.
 */

/** What an erased person is called from then on, as Jira calls a deleted account. */
export const ERASED_NAME = 'Former user';

/** A reserved domain (RFC 2606): one address joins an erased person's accounts across sources, and can reach nobody. */
export const anonymousEmail = (token: string): string => `${token}@erased.invalid`;

/** The key an account is listed under: its record id, `<source>:<account id>`. */
export const accountKey = (recordId: string): string => recordId;
export const emailKey = (email: string): string => `email:${email.trim().toLowerCase()}`;

export function erasureDigest(secret: string, key: string): string {
  return createHmac('sha256', secret).update(key).digest('hex');
}

export class ErasureList {
  readonly #secret: string | undefined;
  readonly #tokens: ReadonlyMap<string, string>;
  /** A sync asks about the same few accounts thousands of times. */
  readonly #answers = new Map<string, string | undefined>();

  constructor(stored: StoredErasures) {
    this.#secret = stored.secret;
    this.#tokens = new Map(stored.entries.map((entry) => [entry.digest, entry.token]));
  }

  get isEmpty(): boolean {
    return this.#secret === undefined || this.#tokens.size === 0;
  }

  /** How many people were erased (one token each). */
  get people(): number {
    return new Set(this.#tokens.values()).size;
  }

  /** The anonymous token of an erased account or e-mail key; undefined when it was never erased. */
  tokenFor(key: string): string | undefined {
    if (this.isEmpty) return undefined;
    if (this.#answers.has(key)) return this.#answers.get(key);
    const token = this.#tokens.get(erasureDigest(this.#secret!, key));
    this.#answers.set(key, token);
    return token;
  }

  tokenForAccount(recordId: string): string | undefined {
    return this.tokenFor(accountKey(recordId));
  }

  tokenForEmail(email: string | undefined): string | undefined {
    return email?.trim() ? this.tokenFor(emailKey(email)) : undefined;
  }
}
