import { describe, expect, it, vi } from 'vitest';
import { keyId } from '../../functions/handlers/site-auth/session.ts';
import { cachedSigningKey, KEY_CACHE_MS } from '../../functions/handlers/site-auth/signing-key.ts';

/** Finding 7: the sign-in function follows a rotated key within minutes, and the kid is the documented hash. */

describe('cachedSigningKey', () => {
  it('signs with the rotated key once its cached copy is older than five minutes', async () => {
    let secret = 'old-key';
    let clock = 0;
    const read = vi.fn(async () => secret);
    const current = cachedSigningKey(read, () => clock);

    expect(await current()).toEqual({ kid: keyId('old-key'), key: 'old-key' });
    secret = 'new-key';
    clock = KEY_CACHE_MS - 1;
    expect((await current()).key).toBe('old-key');
    clock = KEY_CACHE_MS;
    expect(await current()).toEqual({ kid: keyId('new-key'), key: 'new-key' });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads once for concurrent sign-ins and fails a sign-in rather than sign with no key', async () => {
    const read = vi.fn(async () => 'k');
    const current = cachedSigningKey(read, () => 0);
    await Promise.all([current(), current(), current()]);
    expect(read).toHaveBeenCalledTimes(1);

    const broken = cachedSigningKey(async () => Promise.reject(new Error('AccessDenied')), () => 0);
    await expect(broken()).rejects.toThrow('AccessDenied');
    await expect(cachedSigningKey(async () => '', () => 0)()).rejects.toThrow(/empty/);
  });

  it('derives the kid as docs/security.md tells an operator to compute it', () => {
    // KEY=$(printf 'n%.0s' $(seq 64)); printf 'pmpulse-kid:%s' "$KEY" | sha256sum | cut -c1-16
    expect(keyId('n'.repeat(64))).toBe('0bc36117f6500cec');
  });
});
