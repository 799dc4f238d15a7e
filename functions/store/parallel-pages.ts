/**
 * Pages of many partitions, read several partitions at a time but handed out in exactly the
 * order of reading them one after another (partition by partition, each in key order).
 *
 * Why several at once: one Query at a time leaves the store idle between a response and the next
 * request (and, on the embedded server, LevelDB's reader threads idle while the one JavaScript
 * thread decodes). Why the fixed order: the KPI engine keeps the first of equal candidates in
 * its capped lists (a PM's driver tasks), so a different arrival order could publish different
 * bytes from the same data. test/store/read-order.test.ts compares the two readings.
 *
 * Memory stays bounded: partitions ahead of the one being handed out stop reading once
 * `pagesAhead` pages wait in all; the partition being handed out waits only for its own pages.
 */
export interface ParallelPagesOptions {
  /** Partitions read at once. */
  concurrency: number;
  /** Pages read but not yet handed out, over all partitions, before the readers ahead pause. */
  pagesAhead: number;
}

type Pages<T> = (partition: string) => AsyncIterable<T[]>;

interface Slot<T> {
  pages: T[][];
  done: boolean;
}

export async function* parallelPages<T>(partitions: readonly string[], pagesOf: Pages<T>, options: ParallelPagesOptions): AsyncGenerator<T[], void, undefined> {
  const slots: Slot<T>[] = partitions.map(() => ({ pages: [], done: false }));
  let head = 0; // the partition being handed out
  let started = 0;
  let buffered = 0;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  // Everyone waiting (consumer or reader) rechecks its own condition whenever anything changes.
  let waiters: (() => void)[] = [];
  const changed = () => {
    const wake = waiters;
    waiters = [];
    for (const resolve of wake) resolve();
  };
  const waitForChange = () => new Promise<void>((resolve) => waiters.push(resolve));
  // The partition being handed out pauses only on its own pages, which the consumer is taking.
  const mustPause = (index: number) => (index === head ? slots[index]!.pages.length : buffered) >= options.pagesAhead;

  const reader = async () => {
    while (!stopped && failure === undefined && started < partitions.length) {
      const index = started++;
      const slot = slots[index]!;
      for await (const page of pagesOf(partitions[index]!)) {
        if (stopped) return;
        if (page.length > 0) {
          slot.pages.push(page);
          buffered++;
          changed();
        }
        while (!stopped && failure === undefined && mustPause(index)) await waitForChange();
        if (stopped || failure !== undefined) return;
      }
      slot.done = true;
      changed();
    }
  };
  const readerCount = Math.max(1, Math.min(options.concurrency, partitions.length));
  const readers = Array.from({ length: readerCount }, () =>
    reader().catch((error: unknown) => {
      failure ??= { error };
      changed();
    }),
  );
  // Read through a function: readers set it while the consumer waits, which flow analysis cannot see.
  const throwIfFailed = () => {
    if (failure !== undefined) throw failure.error;
  };

  try {
    while (head < slots.length) {
      throwIfFailed();
      const slot = slots[head]!;
      const page = slot.pages.shift();
      if (page !== undefined) {
        buffered--;
        changed();
        yield page;
      } else if (slot.done) {
        head++;
        changed();
      } else {
        await waitForChange();
      }
    }
  } finally {
    // A consumer that stops early (or fails) must not leave readers waiting forever.
    stopped = true;
    changed();
    await Promise.allSettled(readers);
  }
}
