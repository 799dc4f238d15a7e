// Site build at scale: a generated snapshot of 200 PMs and 1,000 projects with every optional
// field filled, built once. Prints pages, seconds and the largest HTML page of each kind; the
// budgets are one minute and 150 KB a page.
// Run: node bench/site-scale.ts [--pms 200] [--projects 1000] [--keep]
import { readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite } from '../site/build.ts';
import { writeScaleSnapshot } from './scale-snapshot.ts';

const { values: args } = parseArgs({ options: { pms: { type: 'string', default: '200' }, projects: { type: 'string', default: '1000' }, keep: { type: 'boolean', default: false } } });
const PMS = Number(args.pms);
const PROJECTS = Number(args.projects);
const BUDGET_SECONDS = 60;
/** No page may be heavier than this much HTML (styles are inlined, charts are inline SVG). */
const PAGE_BUDGET_BYTES = 150 * 1024;

/** What kind of page a built file is, by its path: the overview, a PM page, a project page... */
function pageKind(file: string): string {
  const parts = file.split(path.sep);
  if (parts.length === 1) return parts[0] === 'index.html' ? 'overview' : parts[0]!.replace(/\.html$/, '');
  return parts.length === 2 ? `${parts[0]}/` : `${parts[0]}/*`;
}

async function weigh(dir: string) {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html') || f.endsWith('.csv') || f.endsWith('.js'));
  const sizes = await Promise.all(files.map(async (f) => ({ f, size: (await stat(path.join(dir, f))).size })));
  const html = sizes.filter((s) => s.f.endsWith('.html')).sort((a, b) => b.size - a.size);
  const total = sizes.reduce((n, s) => n + s.size, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const median = html[Math.floor(html.length / 2)]!;
  // html is largest first, so the first file of each kind is its largest.
  const kinds = new Map<string, { f: string; size: number; pages: number }>();
  for (const s of html) {
    const kind = pageKind(s.f);
    const seen = kinds.get(kind);
    if (seen) seen.pages++;
    else kinds.set(kind, { ...s, pages: 1 });
  }
  const overBudget = html.filter((s) => s.size > PAGE_BUDGET_BYTES).map((s) => `${s.f} ${kb(s.size)}`);
  return { total: kb(total), largest: `${html[0]!.f} ${kb(html[0]!.size)}`, median: kb(median.size), kinds, overBudget, kb, csvFiles: sizes.length - html.length };
}

const work = path.join(tmpdir(), `pmpulse-site-scale-${process.pid}`);
try {
  await writeScaleSnapshot(path.join(work, 'snapshot'), { pms: PMS, projects: PROJECTS });
  const cpuBefore = process.cpuUsage();
  const result = await buildSite({ snapshotDir: path.join(work, 'snapshot'), outDir: path.join(work, 'site') });
  const seconds = result.ms / 1000;
  // On a shared machine wall time follows the load; the build's own CPU time does not.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const [load] = loadavg();
  const weight = await weigh(path.join(work, 'site'));
  process.stdout.write(`site-scale: ${PMS} PMs, ${PROJECTS} projects → ${result.pages} pages in ${seconds.toFixed(1)} s (budget ${BUDGET_SECONDS} s), ${cpuSeconds.toFixed(1)} s of CPU, load average ${load!.toFixed(1)} at the end\n`);
  process.stdout.write(`page weight: total ${weight.total} (HTML + CSV), largest ${weight.largest}, median page ${weight.median}; ${weight.csvFiles} CSV files\n`);
  process.stdout.write(`largest HTML per page kind (budget ${weight.kb(PAGE_BUDGET_BYTES)}):\n`);
  for (const [kind, s] of [...weight.kinds].sort((a, b) => b[1].size - a[1].size)) {
    process.stdout.write(`  ${kind.padEnd(16)} ${weight.kb(s.size).padStart(7)}  ${String(s.pages).padStart(5)} page${s.pages === 1 ? ' ' : 's'}  ${s.f}\n`);
  }
  if (weight.overBudget.length) process.stdout.write(`over ${weight.kb(PAGE_BUDGET_BYTES)}: ${weight.overBudget.length} pages, e.g. ${weight.overBudget.slice(0, 5).join(', ')}\n`);
  if (args.keep) process.stdout.write(`kept in ${work}\n`);
  process.exitCode = seconds < BUDGET_SECONDS && weight.overBudget.length === 0 ? 0 : 1;
} finally {
  if (!args.keep) await rm(work, { recursive: true, force: true });
}
