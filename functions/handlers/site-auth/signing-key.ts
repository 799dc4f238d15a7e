import { keyId, type SessionKey } from './session.ts';

/** How long the sign-in function signs with a key it read before it reads the secret again. */
export const KEY_CACHE_MS = 5 * 60_000;

export type SessionKeySource = () => Promise<SessionKey>;

/**
 * The current signing key, read from Secrets Manager and kept for `KEY_CACHE_MS`. A warm function
 * therefore picks up a rotated secret within five minutes instead of signing with the old key for as
 * long as its execution environment lives (hours); the edge accepts both keys meanwhile.
 * A failed read keeps the cached key only until it expires, then fails the sign-in.
 */
export function cachedSigningKey(read: () => Promise<string>, now: () => number = Date.now, maxAgeMs = KEY_CACHE_MS): SessionKeySource {
  let cached: { key: SessionKey; readAt: number } | undefined;
  let pending: Promise<SessionKey> | undefined;
  return async () => {
    if (cached && now() - cached.readAt < maxAgeMs) return cached.key;
    pending ??= read()
      .then((key) => {
        // Used exactly as stored: the KeyValueStore holds the same bytes.
        if (!key) throw new Error('the session key secret is empty');
        cached = { key: { kid: keyId(key), key }, readAt: now() };
        return cached.key;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/** A fixed key, for tests and local runs. */
export const fixedSigningKey = (key: string): SessionKeySource => {
  const signingKey = { kid: keyId(key), key };
  return async () => signingKey;
};
