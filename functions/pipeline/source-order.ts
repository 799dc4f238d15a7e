import type { SourceConfig } from '../config/index.ts';
import type { StoreRuntime } from './store-runtime.ts';

/**
 * Sources whose read stopped part-way go first, then those never synced, then the rest, least
 * recently synced first: otherwise a run could spend its time on the incremental reads of finished
 * sources and never reach an unfinished one, or always the same one. `finished`: the sources whose
 * last read finished (a cursor, no checkpoint).
 */
export async function unfinishedFirst(runtime: StoreRuntime, sources: SourceConfig[]) {
  const latest = new Map((await runtime.store.listLatestSyncRuns()).map((run) => [run.source, run.startedAt]));
  const states = await Promise.all(
    sources.map(async (source) => {
      if ((await runtime.store.getCheckpoint(source.name)) !== undefined) return 0;
      return (await runtime.store.getCursor(source.name)) === undefined ? 1 : 2;
    }),
  );
  const order = sources
    .map((source, index) => ({ source, rank: states[index]!, last: latest.get(source.name) ?? '' }))
    .sort((a, b) => a.rank - b.rank || (a.rank === 2 ? a.last.localeCompare(b.last) : 0));
  return { order: order.map((entry) => entry.source), finished: new Set(order.filter((entry) => entry.rank === 2).map((entry) => entry.source.name)) };
}
