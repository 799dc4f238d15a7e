import type { Figure } from './lib/stats.ts';
import { kib, mib, millis, notMeasured, perSec, row, seconds, times, type Row } from './lib/table.ts';
import { atLeast, atMost } from './lib/targets.ts';
import type { benchConnectors } from './connectors/throughput.ts';
import type { benchResumableSync } from './connectors/resumable.ts';
import { maxCheckpointChars } from '../functions/connectors/kit/checkpoint.ts';
import type { benchDemo } from './demo.ts';
import type { benchForecast } from './forecast.ts';
import type { benchLambda, benchSiteScale } from './external.ts';
import type { benchKpi } from './kpi/compare.ts';
import type { benchStoreWrites } from './store-writes.ts';
import type { benchStoreCompute } from './store-compute/index.ts';

/** Turns the measured figures into the rows of the results table, each with its target. */

export interface Figures {
  demo?: Awaited<ReturnType<typeof benchDemo>>;
  connectors?: Awaited<ReturnType<typeof benchConnectors>>;
  resumable?: Awaited<ReturnType<typeof benchResumableSync>>;
  storeWrites?: Awaited<ReturnType<typeof benchStoreWrites>>;
  kpi?: Awaited<ReturnType<typeof benchKpi>>[];
  storeCompute?: Awaited<ReturnType<typeof benchStoreCompute>>[];
  siteScale?: Awaited<ReturnType<typeof benchSiteScale>>;
  lambda?: Awaited<ReturnType<typeof benchLambda>>;
  forecast?: Awaited<ReturnType<typeof benchForecast>>;
}

const ONE_MILLION = 1_000_000;

function demoRows(demo: NonNullable<Figures['demo']>): Row[] {
  const steps = Object.entries(demo.ms).filter(([step]) => step !== 'total');
  return [
    row(`demo end to end (${demo.scale})`, demo.ms.total!, seconds, atMost(60_000, '≤ 60 s')),
    ...steps.map(([step, figure]) => row(`  step: ${step}`, figure, seconds)),
    row('site: page weight (demo)', demo.site.pageBytes, kib),
    row('site: JS for charts (demo)', demo.site.chartJsBytes, kib, atMost(0, '0 KB')),
    row('site: most JS on a page (any use)', demo.site.maxJsBytes, kib),
  ];
}

function connectorRows(c: NonNullable<Figures['connectors']>): Row[] {
  return [
    row(`connectors alone, recorded pages (${c.records.alone} records)`, c.recordsPerSecond.alone, perSec, atLeast(50_000, '≥ 50,000/s')),
    row('connectors + embedded store (sync)', c.recordsPerSecond.withStore, perSec),
  ];
}

function resumableRows(r: NonNullable<Figures['resumable']>): Row[] {
  const cut = (label: string, figure: { wholeCalls: number; cutCalls: number; runs: number; sameStore: boolean }) =>
    row(`${label}: API calls cut at every checkpoint (${figure.runs} runs, ${figure.cutCalls} calls) ÷ uninterrupted (${figure.wholeCalls}); ${figure.sameStore ? 'same store' : 'THE STORES DIFFER'}`, figure.cutCalls / figure.wholeCalls, times, atMost(1.1, '≤ 1.1x'));
  const largest = r.checkpointSizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return [
    cut('first sync (small, 2 projects per system)', r.firstSync),
    cut(`Jira id listing for deletions (${r.idListing.pages} pages)`, r.idListing),
    ...r.checkpointSizes.map((size) => row(`  Jira id-listing checkpoint, ${size.issues.toLocaleString('en-US')} issues, 1 in ${size.every} site ids in scope`, size.bytes, kib, size === largest ? atMost(maxCheckpointChars, `≤ ${kib(maxCheckpointChars)} (one store item)`) : undefined)),
  ];
}

function storeRows(s: NonNullable<Figures['storeWrites']>): Row[] {
  return [
    row(`store putRecords (${s.items} items)`, s.itemsPerSecond.store, perSec),
    row('raw BatchWrite, same items', s.itemsPerSecond.raw, perSec),
    row('store overhead (store ÷ raw time)', s.overheadRatio, times),
  ];
}

function storeComputeRows(c: Awaited<ReturnType<typeof benchStoreCompute>>): Row[] {
  const label = `store → JSON ${count(c.size.tasks)} tasks/${count(c.size.entries)} entries/${count(c.size.statusChanges)} changes`;
  // The targets are set for a million tasks; other sizes are reported without a verdict.
  const million = c.size.tasks === ONE_MILLION;
  const rows = [
    row(`${label}: compute + publish (load ${c.loadAverage.join(', ')})`, c.ms, seconds, million ? atMost(120_000, '≤ 120 s') : undefined),
    row(`${label}: CPU time (user + system)`, c.cpuMs, seconds),
    row(`${label}: peak RSS`, c.rssMiB, mib, million ? atMost(1536, '≤ 1.5 GiB') : undefined),
  ];
  if (c.sequentialMs) rows.push(row(`${label}: one partition at a time (before)`, c.sequentialMs, seconds), row(`${label}: speed-up, pair by pair`, c.speedup!, times));
  if (c.writeMs !== undefined) rows.push(row(`${label}: writing the store (once)`, c.writeMs, seconds));
  if (c.before) {
    const was = `${label}: before, ${c.before.layout} (${c.before.at.slice(0, 10)})`;
    rows.push(row(`${was}: compute + publish`, c.before.ms, seconds), row(`${was}: CPU time`, c.before.cpuMs, seconds), row(`${was}: peak RSS`, c.before.rssMiB, mib));
    if (c.before.writeMs !== undefined) rows.push(row(`${was}: writing the store`, c.before.writeMs, seconds));
  }
  return rows;
}

function kpiRows(k: Awaited<ReturnType<typeof benchKpi>>): Row[] {
  const label = `KPI ${count(k.size.tasks)} tasks/${count(k.size.entries)} entries`;
  const rss = k.size.tasks >= ONE_MILLION ? atMost(1024, '< 1 GB') : undefined;
  return [
    row(`${label}: pmpulse`, k.ms.pmpulse, millis),
    row(`${label}: DuckDB query, every period`, k.ms.duckdbQuery, millis),
    row(`${label}: DuckDB load+query`, k.ms.duckdbLoadQuery, millis),
    row(`${label}: DuckDB query, window figures only (reference)`, k.ms.duckdbWindowQuery, millis),
    row(`${label}: pmpulse ÷ DuckDB query`, k.ratio.vsQuery, times, atMost(2, '≤ 2x')),
    row(`${label}: pmpulse ÷ DuckDB load+query`, k.ratio.vsLoadQuery, times, atMost(2, '≤ 2x')),
    row(`${label}: CPU time, pmpulse ÷ DuckDB query`, k.ratio.cpuVsQuery, times),
    row(`${label}: pmpulse peak RSS`, k.rssMiB.pmpulse, mib, rss),
    row(`${label}: DuckDB peak RSS`, k.rssMiB.duckdb, mib),
    { figure: `${label}: same totals in both`, value: k.totalsAgree ? 'yes' : 'NO', target: '', verdict: '' },
  ];
}

function siteScaleRows(s: NonNullable<Figures['siteScale']>): Row[] {
  if ('missing' in s) return [notMeasured('site build, 200 PMs', `${s.missing} not found`)];
  return [
    row(`site build, 200 PMs (${s.pages} pages)`, s.ms, seconds),
    ...(s.pageBytes ? [row('site: page weight (200 PMs)', s.pageBytes, kib)] : []),
    row('site: JS for charts (200 PMs)', s.chartJsBytes, kib, atMost(0, '0 KB')),
  ];
}

export function buildRows(figures: Figures, full: boolean, failures: Record<string, string> = {}): Row[] {
  const rows: Row[] = Object.entries(failures).map(([name, error]) => notMeasured(`${name} (failed)`, firstLine(error)));
  if (figures.demo) rows.push(...demoRows(figures.demo));
  if (figures.connectors) rows.push(...connectorRows(figures.connectors));
  if (figures.resumable) rows.push(...resumableRows(figures.resumable));
  if (figures.storeWrites) rows.push(...storeRows(figures.storeWrites));
  for (const c of figures.storeCompute ?? []) rows.push(...storeComputeRows(c));
  if (figures.storeCompute && !figures.storeCompute.some((c) => c.size.tasks === ONE_MILLION)) rows.push(notMeasured('store → JSON 1M tasks/5M entries/1.4M changes', 'runs with --full', atMost(120_000, '≤ 120 s, ≤ 1.5 GiB')));
  for (const k of figures.kpi ?? []) rows.push(...kpiRows(k));
  if (figures.kpi && !full) rows.push(notMeasured('KPI 1M tasks/5M entries', 'runs with --full', atMost(2, '≤ 2x, < 1 GB')));
  if (figures.siteScale) rows.push(...siteScaleRows(figures.siteScale));
  if (figures.forecast) {
    rows.push(row('forecast: Monte Carlo trials (60 items open)', figures.forecast.trialsPerSecond, perSec));
    rows.push(row(`forecast: ${figures.forecast.projects} projects × 10,000 trials`, figures.forecast.orgMs, seconds));
  }
  if (figures.lambda) rows.push(...lambdaRows(figures.lambda));
  return rows;
}

function lambdaRows(lambda: NonNullable<Figures['lambda']>): Row[] {
  if ('missing' in lambda) {
    return [
      notMeasured('Lambda bundle size', `${lambda.missing} not found`, atMost(300, '≤ 300 KB')),
      notMeasured('Lambda cold init', `${lambda.missing} not found`, atMost(150, '≤ 150 ms')),
    ];
  }
  return lambda.functions.flatMap((fn) => [
    row(`Lambda ${fn.name}: bundle, minified`, fn.bytes, kib, atMost(300 * 1024, '≤ 300 KB')),
    row(`Lambda ${fn.name}: cold init`, fn.initMs, millis, atMost(150, '≤ 150 ms')),
  ]);
}

const firstLine = (text: string) => (text.split('\n')[0] ?? '').replace(/^Error: /, '').slice(0, 90);
const count = (n: number) => (n >= ONE_MILLION ? `${Math.round(n / 100_000) / 10}M` : `${Math.round(n / 1000)}k`);
