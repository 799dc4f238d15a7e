import { join } from 'node:path';
import { loadavg } from 'node:os';
import { runChild } from '../lib/child.ts';
import { collect, summarizeAll } from '../lib/stats.ts';
import { fillStore } from './fill.ts';
import { earlierRun } from './history-file.ts';

/** How the store holds records: chunks of a few hundred (functions/store/chunks.ts). */
const LAYOUT = 'packed';

/**
 * From the embedded store to published JSON: compute (every record read through DynamoStore's
 * scanRecords, then the engine, latency and forecasts) and publish, in a fresh process per run,
 * on a store of the synthetic company written once (fill.ts). Wall time, CPU time (user + system:
 * on a shared machine wall time also counts the waits for a core) and peak RSS, with the load
 * average at each run's start. `sequential` runs read one partition at a time, as before.
 */
export interface StoreComputeOptions {
  tasks: number;
  runs: number;
  /** Also time the one-partition-at-a-time reading, run by run in pairs with the parallel one. */
  sequential: boolean;
  /** Where the filled stores are kept between bench runs. */
  root: string;
  progress?: (message: string) => void;
}

interface ChildResult {
  ms: number;
  computeMs: number;
  cpuMs: number;
  rssMiB: number;
}

const child = new URL('./child.ts', import.meta.url);

export async function benchStoreCompute(options: StoreComputeOptions) {
  const filled = await fillStore(join(options.root, `tasks-${options.tasks}`), options.tasks, 42, options.progress);
  const samples: Record<string, number[]> = {};
  const load: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    load.push(Math.round(loadavg()[0]! * 10) / 10);
    const parallel = await runChild<ChildResult>(child, ['--dir', filled.dir, '--read-concurrency', '16']);
    collect(samples, { ms: parallel.ms, computeMs: parallel.computeMs, cpuMs: parallel.cpuMs, rssMiB: parallel.rssMiB });
    if (options.sequential) {
      const sequential = await runChild<ChildResult>(child, ['--dir', filled.dir, '--read-concurrency', '1']);
      collect(samples, { sequentialMs: sequential.ms, sequentialCpuMs: sequential.cpuMs, speedup: sequential.ms / parallel.ms });
    }
  }
  const figures = summarizeAll(samples);
  return {
    size: { tasks: filled.tasks, entries: filled.entries, statusChanges: filled.statusChanges },
    layout: LAYOUT,
    /** The last recorded run of this size in the layout before, for the report (not part of the history). */
    before: await earlierRun(filled.tasks, LAYOUT),
    writeMs: filled.writeMs,
    loadAverage: load,
    ms: figures.ms!,
    computeMs: figures.computeMs!,
    cpuMs: figures.cpuMs!,
    rssMiB: figures.rssMiB!,
    sequentialMs: figures.sequentialMs,
    sequentialCpuMs: figures.sequentialCpuMs,
    speedup: figures.speedup,
  };
}
