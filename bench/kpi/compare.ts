import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../lib/child.ts';
import { collect, summarizeAll } from '../lib/stats.ts';
import { sizeFor } from './synthetic.ts';

/**
 * KPI compute, pmpulse against DuckDB, on the same synthetic records. DuckDB computes every figure
 * the engine does, for every period (period-queries.ts); its window-only queries are timed apart
 * as a reference. Each pair is two fresh
 * processes, pmpulse then DuckDB, so each peak RSS belongs to one engine alone. Both report the
 * same totals; a pair whose totals differ is reported as a disagreement, not as a speed.
 */

interface PmpulseRun { computeMs: number; cpuMs: number; rssMiB: number; check: Record<string, number> }
interface DuckRun { loadMs: number; queryMs: number; windowQueryMs: number; queryCpuMs: number; rows: number; threads: number; rssMiB: number; check: Record<string, number> }

const sameTotals = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length > 0 && Object.entries(a).every(([key, value]) => Math.abs(value - (b[key] ?? NaN)) <= 0.05 + Math.abs(value) * 1e-9);

export async function benchKpi(options: { tasks: number; runs: number; seed?: number }) {
  const seed = options.seed ?? 7;
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-bench-kpi-'));
  try {
    const written = await runChild<{ ms: number; parquetBytes: number }>(new URL('./write-data.ts', import.meta.url), ['--tasks', String(options.tasks), '--seed', String(seed), '--dir', dir]);
    const samples: Record<string, number[]> = {};
    let agree = true;
    let threads = 0;
    for (let run = 0; run < options.runs; run++) {
      const ours = await runChild<PmpulseRun>(new URL('./pmpulse-child.ts', import.meta.url), ['--tasks', String(options.tasks), '--seed', String(seed)]);
      const duck = await runChild<DuckRun>(new URL('./duckdb-child.ts', import.meta.url), ['--dir', dir]);
      agree &&= sameTotals(ours.check, duck.check);
      threads = duck.threads;
      const duckTotal = duck.loadMs + duck.queryMs;
      collect(samples, {
        pmpulseMs: ours.computeMs, pmpulseRssMiB: ours.rssMiB,
        duckdbQueryMs: duck.queryMs, duckdbWindowQueryMs: duck.windowQueryMs, duckdbLoadQueryMs: duckTotal, duckdbRssMiB: duck.rssMiB,
        pmpulseCpuMs: ours.cpuMs, duckdbQueryCpuMs: duck.queryCpuMs,
        vsQuery: ours.computeMs / duck.queryMs, vsLoadQuery: ours.computeMs / duckTotal, cpuVsQuery: ours.cpuMs / duck.queryCpuMs,
      });
    }
    const figures = summarizeAll(samples);
    return {
      size: sizeFor(options.tasks),
      parquetBytes: written.parquetBytes,
      duckdbThreads: threads,
      totalsAgree: agree,
      ms: { pmpulse: figures.pmpulseMs!, duckdbQuery: figures.duckdbQueryMs!, duckdbLoadQuery: figures.duckdbLoadQueryMs!, duckdbWindowQuery: figures.duckdbWindowQueryMs! },
      cpuMs: { pmpulse: figures.pmpulseCpuMs!, duckdbQuery: figures.duckdbQueryCpuMs! },
      rssMiB: { pmpulse: figures.pmpulseRssMiB!, duckdb: figures.duckdbRssMiB! },
      /** pmpulse time ÷ DuckDB time, pair by pair: below 1 means pmpulse is faster. */
      ratio: { vsQuery: figures.vsQuery!, vsLoadQuery: figures.vsLoadQuery!, cpuVsQuery: figures.cpuVsQuery! },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
