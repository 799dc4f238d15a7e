// A generated snapshot of any size with every optional field filled: the site at scale, for the
// bench (bench/site-scale.ts) and the page-weight test.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createForecastEngine } from '../functions/forecast/index.ts';
import type { Project, Task } from '../functions/domain/index.ts';

/** The size being written (set by writeScaleSnapshot; one snapshot is written at a time). */
let PMS = 200;
let PROJECTS = 1000;

/** A seeded generator: the same snapshot on every run, so timings compare. */
let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

const kpis = [
  { id: 'onTimeRate', name: 'On-time delivery', unit: 'ratio', higherIsBetter: true, description: 'Share of tasks due that were done by their due date.', formula: 'done on time / due' },
  { id: 'cycleTime', name: 'Median cycle time', unit: 'days', higherIsBetter: false, description: 'Median days from start to done.', formula: 'median(doneAt - startedAt)' },
  { id: 'spi', name: 'Schedule performance', unit: 'index', higherIsBetter: true, description: 'EV over PV.', formula: 'sum(EV) / sum(PV)' },
  { id: 'cpi', name: 'Cost performance', unit: 'index', higherIsBetter: true, description: 'EV over AC.', formula: 'sum(EV) / sum(AC)' },
  { id: 'estimateAccuracy', name: 'Estimate accuracy', unit: 'ratio', higherIsBetter: true, description: 'Tasks within 25 % of estimate.', formula: 'within / estimated' },
  { id: 'hoursLogged', name: 'Hours logged', unit: 'hours', higherIsBetter: true, description: 'Hours on the PM\u2019s projects.', formula: 'sum(hours)' },
] as const;
const months = ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11'];
const areas = [
  { id: 'delivery', name: 'Delivery', description: 'On time.', kpis: ['onTimeRate', 'spi'] },
  { id: 'cost', name: 'Cost', description: 'On budget.', kpis: ['cpi', 'estimateAccuracy'] },
  { id: 'flow', name: 'Flow', description: 'Speed.', kpis: ['cycleTime'] },
  { id: 'team', name: 'Team', description: 'Effort.', kpis: ['hoursLogged'] },
];

function kpiValue(unit: string) {
  const n = Math.floor(between(1, 120));
  const value = unit === 'ratio' ? round(between(0.4, 1)) : unit === 'days' ? round(between(2, 12), 1) : unit === 'hours' ? round(between(50, 2000), 0) : round(between(0.7, 1.2));
  return { value, n, smallSample: n < 5, percentile: round(between(0, 100), 0), ...(unit === 'ratio' ? { shrunk: value, successes: Math.round(value * n) } : {}) };
}
const values = () => Object.fromEntries(kpis.map((k) => [k.id, kpiValue(k.unit)]));

function manager(i: number) {
  const id = `pm-${String(i).padStart(3, '0')}`;
  const projectIds = Array.from({ length: PROJECTS / PMS }, (_, j) => `jira:P${i * (PROJECTS / PMS) + j}`);
  return {
    id, name: i === 0 ? '<script>alert(1)</script> & "Co"' : `Manager ${i}`, projectIds, values: values(),
    areas: areas.map((a) => ({ id: a.id, score: round(between(50, 160), 0) })),
    months: months.map((period) => ({ period, values: values() })),
    quarters: ['2025-Q3', '2025-Q4'].map((period) => ({ period, values: values() })),
    drivers: { kpi: 'onTimeRate', tasks: Array.from({ length: 8 }, (_, t) => ({ id: `T-${i}-${t}`, title: `Task ${t} of ${id}`, projectId: projectIds[0]!, status: 'Done', dueOn: '2025-10-01', doneAt: '2025-10-09T10:00:00Z', estimateHours: 8, spentHours: 13, reason: 'done 8 days late' })) },
  };
}

function funnel(p: number) {
  const limits = [2, 4, 8, 16, 32, 64, 128].map((n) => {
    const s = Math.sqrt((p * (1 - p)) / n);
    const c = (x: number) => round(Math.min(1, Math.max(0, x)), 4);
    return { n, lower95: c(p - 1.96 * s), upper95: c(p + 1.96 * s), lower998: c(p - 3.09 * s), upper998: c(p + 3.09 * s) };
  });
  return { target: p, limits };
}

function evm() {
  const bac = round(between(200, 2000), 0);
  const pv = round(bac * between(0.3, 0.9), 0);
  const ev = round(pv * between(0.7, 1.2), 0);
  const ac = round(ev * between(0.8, 1.3), 0);
  const cpi = round(ev / ac, 2);
  return { bac, pv, ev, ac, spi: round(ev / pv, 2), cpi, sv: ev - pv, cv: ev - ac, eac: round(bac / cpi, 0), etc: round(bac / cpi - ac, 0), vac: round(bac - bac / cpi, 0), tcpi: round((bac - ev) / (bac - ac), 2) };
}

/** The figures with a month-end series rising to them over all twelve months (the heaviest chart a project page draws). */
function withHistory(figures: ReturnType<typeof evm>) {
  const share = (i: number) => (i + 1) / months.length;
  const evmMonths = months.map((period, i) => ({ period, ...(i === months.length - 1 ? { partial: true, to: '2025-11-23' } : {}), pv: round(figures.pv * share(i), 2), ev: round(figures.ev * share(i) ** 1.1, 2), ac: round(figures.ac * share(i) ** 0.9, 2) }));
  return { evm: figures, evmMonths };
}

const healths = ['on_track', 'at_risk', 'off_track', 'not_reported'] as const;
const portfolioNames = Array.from({ length: 12 }, (_, i) => `Portfolio ${i + 1}`);
const themes = ['Growth', 'Reliability', 'Security', 'AI', 'Cost'].map((name, i) => ({ id: `t${i}`, name, target: 0.2, actual: round(between(0.1, 0.3)), hours: round(between(1000, 9000), 0) }));

/** A project's hours per theme in the window: the rows of its portfolio's projects × themes matrix. */
function projectMix(id: string) {
  const perTheme = themes.map((t) => ({ id: t.id, hours: round(between(0, 120), 1) })).filter((t) => t.hours > 10);
  const unalignedHours = round(between(0, 60), 1);
  return { id, totalHours: round(perTheme.reduce((sum, t) => sum + t.hours, unalignedHours), 1), unalignedHours, themes: perTheme };
}

function documents(asOf: string) {
  const managers = Array.from({ length: PMS }, (_, i) => manager(i));
  const company = Object.fromEntries(kpis.map((k) => [k.id, { mean: kpiValue(k.unit).value, median: kpiValue(k.unit).value, n: PMS, ...(k.unit === 'ratio' ? { funnel: funnel(0.75) } : {}) }]));
  const companyMonths = months.map((period) => ({ period, values: Object.fromEntries(kpis.map((k) => [k.id, { mean: kpiValue(k.unit).value, median: null }])) }));
  // Each PM's projects spread over the portfolios, so every portfolio holds about PROJECTS / 12 of them.
  const projects = managers.flatMap((pm, i) => pm.projectIds.map((id, j) => ({
    id, name: `Project ${id}`, source: 'jira', pmId: pm.id, portfolio: portfolioNames[(i * pm.projectIds.length + j) % portfolioNames.length]!, tasks: 80, doneTasks: 50, hours: 400,
    ...withHistory(evm()), health: healths[Math.floor(rand() * 4)]!, healthReason: 'SPI 0.88 < 0.9',
    lateTasks: Array.from({ length: 10 }, (_, t) => ({ id: `jira:${id}-${t}`, title: `Late task ${t} of ${id} with a fairly long title`, projectId: id, status: 'in_progress', dueOn: '2025-10-01', reason: `open, ${40 - t} days past its due date` })),
    // Fixed hours, not drawn from the seeded generator: the figures generated after stay as they were.
    unalignedTasks: Array.from({ length: 10 }, (_, t) => ({ id: `jira:${id}-u${t}`, title: `Unaligned task ${t} of ${id} with a fairly long title`, hours: 80 - t * 7.25 })),
  })));
  const portfolios = portfolioNames.map((name) => ({ name, projects: Math.round(PROJECTS / portfolioNames.length), hours: 30_000, evm: evm(), health: healths[Math.floor(rand() * 4)]! }));
  const share = { totalHours: 30_000, unalignedHours: 3_000, gapScore: 0.2, themes };
  const alignment = {
    schemaVersion: 1, asOf, window: { from: '2025-08-25', to: asOf }, ...share, totalHours: 400_000, unalignedHours: 40_000, unalignedShare: 0.1,
    portfolios: portfolioNames.map((name) => ({ name, ...share })),
    months: months.map((period) => ({ period, totalHours: 30_000, unalignedHours: 3_000, themes: themes.map((t) => ({ id: t.id, hours: round(between(2000, 8000), 0), actual: 0.2 })) })),
    managers: managers.map((pm) => ({ id: pm.id, ...share })),
    unalignedWork: projects.slice(0, 25).map((p) => ({ projectId: p.id, name: p.name, pmId: p.pmId, hours: 120 })),
    projects: projects.map((p) => projectMix(p.id)),
  };
  const quality = { schemaVersion: 1, generatedAt: `${asOf}T06:00:00Z`, sources: [{ name: 'jira', type: 'jira', lastSyncAt: `${asOf}T05:00:00Z`, ok: true, records: { tasks: 80_000 }, quarantined: 0, taskUrl: 'https://acme.atlassian.net/issues/?jql=id%3D{id}' }], quarantine: [], unmatchedIdentities: [] };
  return {
    'managers.json': { schemaVersion: 1, asOf, window: { from: '2025-08-25', to: asOf }, kpis, managers, company, areas, companyMonths },
    'projects.json': { schemaVersion: 1, asOf, projects, portfolios },
    'alignment.json': alignment,
    'quality.json': quality,
    'forecasts.json': forecasts(asOf, projects, managers),
  };
}

/** Forecasts from the real engine over synthetic throughput: a few items done a week, some open. */
function forecasts(asOf: string, projects: { id: string; name: string; pmId: string; portfolio: string }[], managers: { id: string; name: string }[]) {
  const domain: Project[] = projects.map((p) => ({ id: p.id, source: 'jira', sourceId: p.id, name: p.name, pmId: p.pmId, portfolio: p.portfolio, tags: [] }));
  const engine = createForecastEngine({ asOf, projects: domain, settings: { trials: 2000 } });
  const day = (offset: number) => new Date(Date.parse(`${asOf}T12:00:00Z`) + offset * 86_400_000).toISOString();
  let serial = 0;
  const task = (projectId: string, fields: Partial<Task>): Task => ({
    id: `t${++serial}`, source: 'jira', sourceId: `t${serial}`, projectId, title: 't', status: 'todo', originalStatus: 'To Do',
    createdAt: day(-200), updatedAt: day(-200), tags: [], ...fields,
  });
  for (const p of projects) {
    const batch: Task[] = [];
    for (let week = 0; week < 12; week++) {
      for (let i = Math.floor(between(0, 5)); i > 0; i--) batch.push(task(p.id, { status: 'done', originalStatus: 'Done', doneAt: day(-7 * week - 1) }));
    }
    for (let i = Math.floor(between(0, 40)); i > 0; i--) batch.push(task(p.id, { dueOn: day(Math.floor(between(-10, 90))).slice(0, 10) }));
    engine.addTasks(batch);
  }
  return engine.finish(new Map(projects.map((p) => [p.id, p.pmId])), managers);
}

/** Writes a snapshot of the given size into dir; a process's first call gives the same documents every run. */
export async function writeScaleSnapshot(dir: string, size: { pms: number; projects: number }): Promise<void> {
  PMS = size.pms;
  PROJECTS = size.projects;
  const asOf = new Date().toISOString().slice(0, 10);
  const docs = documents(asOf);
  await mkdir(dir, { recursive: true });
  for (const [name, doc] of Object.entries(docs)) await writeFile(path.join(dir, name), JSON.stringify(doc));
  const latest = { schemaVersion: 1, snapshot: `${asOf}T06-00-00Z`, generatedAt: new Date().toISOString(), asOf, documents: Object.keys(docs) };
  await writeFile(path.join(dir, 'latest.json'), JSON.stringify(latest));
}

