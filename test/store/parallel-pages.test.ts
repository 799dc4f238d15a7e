import { describe, expect, it } from 'vitest';
import { parallelPages } from '../../functions/store/parallel-pages.ts';
import { seededRandom } from '../../functions/runtime/random.ts';

/** Partitions of numbered pages, each page answered after a seeded random delay. */
function fakeStore(partitionPages: Record<string, number>, seed = 1) {
  const random = seededRandom(seed);
  let inFlight = 0;
  let maxInFlight = 0;
  let produced = 0;
  const pagesOf = async function* (partition: string) {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      for (let page = 0; page < partitionPages[partition]!; page++) {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
        produced++;
        yield [`${partition}/${page}`];
      }
    } finally {
      inFlight--;
    }
  };
  return { pagesOf, stats: () => ({ maxInFlight, produced }) };
}

async function collect(pages: AsyncIterable<string[]>): Promise<string[]> {
  const out: string[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

const sizes = { a: 5, b: 0, c: 1, d: 7, e: 3, f: 4, g: 2 };
const sequentialOrder = Object.entries(sizes).flatMap(([name, count]) => Array.from({ length: count }, (_, page) => `${name}/${page}`));

describe('parallelPages', () => {
  it('hands out pages in the one-partition-at-a-time order whatever order they arrive in', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const store = fakeStore(sizes, seed);
      expect(await collect(parallelPages(Object.keys(sizes), store.pagesOf, { concurrency: 4, pagesAhead: 3 }))).toEqual(sequentialOrder);
      expect(store.stats().maxInFlight).toBeGreaterThan(1);
    }
  });

  it('reads at most `concurrency` partitions at once and one at a time when asked to', async () => {
    const four = fakeStore(sizes);
    await collect(parallelPages(Object.keys(sizes), four.pagesOf, { concurrency: 4, pagesAhead: 100 }));
    expect(four.stats().maxInFlight).toBeLessThanOrEqual(4);
    const one = fakeStore(sizes);
    expect(await collect(parallelPages(Object.keys(sizes), one.pagesOf, { concurrency: 1, pagesAhead: 100 }))).toEqual(sequentialOrder);
    expect(one.stats().maxInFlight).toBe(1);
  });

  it('stops reading ahead once `pagesAhead` pages wait, and finishes even when that is one page', async () => {
    const store = fakeStore({ a: 1, b: 20, c: 20, d: 20 });
    const pages = parallelPages(['a', 'b', 'c', 'd'], store.pagesOf, { concurrency: 4, pagesAhead: 2 });
    const first = await pages.next();
    expect(first.value).toEqual(['a/0']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // b is being handed out (up to 2 of its own pages wait); c and d stop at 2 pages between them.
    expect(store.stats().produced).toBeLessThanOrEqual(1 + 2 + 2 + 1);
    const rest = await collect({ [Symbol.asyncIterator]: () => pages });
    expect(rest).toHaveLength(60);
    const tight = fakeStore(sizes);
    expect(await collect(parallelPages(Object.keys(sizes), tight.pagesOf, { concurrency: 7, pagesAhead: 1 }))).toEqual(sequentialOrder);
  });

  it('fails with the first partition error and leaves no reader running', async () => {
    const store = fakeStore({ a: 3, b: 3 });
    const failing = async function* (partition: string) {
      if (partition === 'c') throw new Error('partition c unreadable');
      yield* store.pagesOf(partition);
    };
    await expect(collect(parallelPages(['a', 'b', 'c'], failing, { concurrency: 3, pagesAhead: 2 }))).rejects.toThrow('partition c unreadable');
    expect(store.stats().maxInFlight).toBeGreaterThan(0);
  });

  it('stops its readers when the consumer stops early', async () => {
    const store = fakeStore({ a: 50, b: 50, c: 50 });
    for await (const page of parallelPages(['a', 'b', 'c'], store.pagesOf, { concurrency: 3, pagesAhead: 4 })) {
      if (page[0] === 'a/2') break;
    }
    const producedAtStop = store.stats().produced;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.stats().produced).toBe(producedAtStop);
    expect(producedAtStop).toBeLessThan(20);
  });
});
