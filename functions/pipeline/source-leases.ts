import type { Logger } from '../runtime/logger.ts';
import type { Store } from '../store/store.ts';
import { holdLease, type HeldLease } from './lease.ts';

/**
 * One lease per source (`sync:<source>`), so syncs of different sources run side by side (a state
 * machine syncs each source in its own invocation, looping each until it completes) while two
 * syncs of one source never overlap. A run takes the leases of all its sources or none: in name
 * order, so two runs wanting the same sources cannot each hold a part and both give up.
 */
export async function holdSourceLeases(options: { store: Store; sources: readonly string[]; owner: string; ttlMs: number; log: Logger }): Promise<HeldLease | undefined> {
  const held: HeldLease[] = [];
  for (const source of [...new Set(options.sources)].sort()) {
    const lease = await holdLease({ store: options.store, name: `sync:${source}`, owner: options.owner, ttlMs: options.ttlMs, log: options.log, step: 'sync' });
    if (!lease) {
      await Promise.all(held.map((taken) => taken.release()));
      return undefined;
    }
    held.push(lease);
  }
  return {
    assertHeld: () => held.forEach((lease) => lease.assertHeld()),
    release: async () => {
      await Promise.all(held.map((lease) => lease.release()));
    },
  };
}
