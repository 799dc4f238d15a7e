import type { Store } from '../store/store.ts';
import type { Logger } from '../runtime/logger.ts';
import { describeError, PipelineError } from './errors.ts';

/**
 * A store lease held for the length of a step. It is short (a crashed holder's lease soon
 * expires) and renewed every third of its length while the step runs, so a long sync keeps it.
 * A renewal that fails means another run may take over: the holder must stop writing, so every
 * write checks `assertHeld()` first.
 */
export interface HeldLease {
  /** Throws when a renewal failed: the lease may belong to another run by now. */
  assertHeld(): void;
  release(): Promise<void>;
}

export interface LeaseOptions {
  store: Store;
  name: string;
  owner: string;
  ttlMs: number;
  log: Logger;
  /** Step named in errors. */
  step: string;
}

/** Takes the lease and starts renewing it; undefined when another owner holds an unexpired one. */
export async function holdLease(options: LeaseOptions): Promise<HeldLease | undefined> {
  const { store, name, owner, ttlMs } = options;
  if (!(await store.acquireLease(name, owner, ttlMs))) return undefined;
  let lost: string | undefined;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    try {
      if (!(await store.acquireLease(name, owner, ttlMs))) lost = 'another run holds it now';
    } catch (error) {
      lost = `renewal failed: ${describeError(error)}`;
    }
    if (lost) options.log.error(`${options.step}: lost the ${name} lease (${lost}); stopping`);
  };
  const timer = setInterval(() => {
    if (!lost) renewing = renew();
  }, Math.max(10, Math.floor(ttlMs / 3)));
  // A pending renewal must never keep a finished process alive.
  timer.unref();
  return {
    assertHeld() {
      if (lost) throw new PipelineError(options.step, `lost the ${name} lease (${lost}); the next run resumes from the last cursor`);
    },
    async release() {
      clearInterval(timer);
      await renewing;
      if (!lost) await store.releaseLease(name, owner);
    },
  };
}
