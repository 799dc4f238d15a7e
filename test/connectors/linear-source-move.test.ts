import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvSourceSchema, type JiraSourceConfig, type LinearSourceConfig } from '../../functions/config/index.ts';
import { csvConnector } from '../../functions/connectors/csv/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { linearConnector } from '../../functions/connectors/linear/index.ts';
import type { RecordBatch, SourceGaps } from '../../functions/connectors/kit/connector.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import { demoCredentials, demoPeople, generateOrg, type DemoOrg } from '../../demo/generator/index.ts';
import { linearTimesheetCsv } from '../../demo/linear-timesheet.ts';
import { uuidOf } from '../../demo/servers/linear-records.ts';
import { linearDemoKey, startLinearServer } from '../../demo/servers/linear-server.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import { drain, type Drained } from './helpers/drain.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * A project that moves from Jira to Linear keeps its figures: the same demo project is served by
 * the Jira server, then by the Linear server (its hours then from a Tempo-style timesheet whose
 * rows name the Linear issues, joined by `issueKeys`), each synced by its real connector and
 * computed by the engine. Every figure both sources carry must be equal. Linear has no estimate in
 * hours (its estimate is points), so what rests on `estimateHours` (BAC, PV, EV and the ratios
 * built on them, estimation accuracy) is left out and shown to be absent on the Linear side: the
 * sync says so (`unavailable.hourEstimates`), and the engine, told as the pipeline tells it,
 * publishes those figures as null with the reason, never a CPI of 0.
 */

const asOf = '2026-03-31';
const base = generateOrg({ seed: 7, scale: 'small', asOf });
const now = () => new Date(base.now);
const jiraProjects = base.projects.filter((project) => project.system === 'jira').sort((a, b) => a.key.localeCompare(b.key));
// A project whose Jira lead is its PM: Linear names the PM as lead (it has no PM field).
const moving = jiraProjects.find((project) => !project.ownership)!;
const onlyMoving = (org: DemoOrg, system: 'jira' | 'linear'): DemoOrg => ({ ...org, projects: org.projects.filter((project) => project.id === moving.id).map((project) => ({ ...project, system })) });

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fromJira(): Promise<Drained> {
  const server = await startJiraServer(onlyMoving(base, 'jira'));
  try {
    const source: JiraSourceConfig = { type: 'jira', name: 'jira', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'T' };
    return await drain(jiraConnector.read({ source, token: demoCredentials.jira.token, fetch, now, log: silentLog }));
  } finally {
    await server.close();
  }
}

/** The gaps the Linear sync reported (as the pipeline keeps them on the sync run). */
const linearGaps: SourceGaps = {};

/** The reader's batches, unchanged, noting the gaps it reports into `gaps`. */
async function* noting(reader: AsyncGenerator<RecordBatch, string | undefined, void>, gaps: SourceGaps): AsyncGenerator<RecordBatch, string | undefined, void> {
  for (;;) {
    const step = await reader.next();
    if (step.done) return step.value;
    Object.assign(gaps, step.value.unavailable);
    yield step.value;
  }
}

async function fromLinear(): Promise<Drained> {
  const org = onlyMoving(base, 'linear');
  const server = await startLinearServer(org, { now });
  try {
    const source: LinearSourceConfig = { type: 'linear', name: 'linear', baseUrl: server.url, tokenEnv: 'T', timesheetSource: 'tempo' };
    const linear = await drain(noting(linearConnector.read({ source, token: linearDemoKey, fetch, now, log: silentLog }), linearGaps));
    const dir = await mkdtemp(join(tmpdir(), 'pmpulse-move-'));
    dirs.push(dir);
    await writeFile(join(dir, 'tempo.csv'), linearTimesheetCsv(org));
    const projectId = `linear:${uuidOf('project', moving.id)}`;
    const csv = CsvSourceSchema.parse({ type: 'csv', name: 'tempo', path: join(dir, 'tempo.csv'), preset: 'tempo', columns: { email: 'Email' }, issueKeys: { [moving.key]: 'linear' }, projects: { [moving.key]: projectId } });
    const hours = await drain(csvConnector.read({ source: csv, token: '', fetch, now, log: silentLog }));
    return { ...linear, people: [...linear.people, ...hours.people], timeEntries: hours.timeEntries, quarantined: [...linear.quarantined, ...hours.quarantined] };
  } finally {
    await server.close();
  }
}

/** The engine over one sync's records; people joined across accounts by the demo's `people[]` (plus Linear ids). */
function compute(result: Drained, gaps: SourceGaps = {}) {
  const overrides = demoPeople(base).map((person) => {
    const demo = base.people.find((candidate) => candidate.email === person.email)!;
    return { ...person, aliases: [...person.aliases, `linear:${uuidOf('user', demo.id)}`] };
  });
  const hourEstimatesUnavailable: Record<string, string> = gaps.hourEstimates ? { linear: gaps.hourEstimates } : {};
  const engine = createKpiEngine({ asOf, windowDays: 90, projects: result.projects, people: result.people, themes: [], overrides, hourEstimatesUnavailable });
  engine.addTasks(result.tasks);
  engine.addStatusChanges(result.statusChanges);
  engine.addTimeEntries(result.timeEntries);
  return engine.finish();
}

const jira = await fromJira();
const linear = await fromLinear();
const jiraFigures = compute(jira);
const linearFigures = compute(linear, linearGaps);

/** A late task's days late (ties are ordered by task id, which differs between the sources). */
const daysLate = (task: { dueOn?: string | undefined; doneAt?: string | undefined }) => (Date.parse((task.doneAt ?? asOf).slice(0, 10)) - Date.parse(task.dueOn!)) / 86_400_000;

/** KPIs resting on estimates in hours, which Linear does not have. */
const needsHourEstimates = new Set(['spi', 'cpi', 'estimationAccuracy']);

describe('a project moved from Jira to Linear', () => {
  it('arrives whole: the same tasks, state moves and hours', () => {
    expect(linear.quarantined).toEqual([]);
    expect(linear.tasks.map((task) => task.sourceId).sort()).toEqual(jira.tasks.map((task) => base.tasks.find((t) => t.sourceId === task.sourceId)!.key).sort());
    expect(linear.statusChanges.length).toBe(jira.statusChanges.length);
    expect(linear.timeEntries.every((entry) => entry.taskId?.startsWith(`linear:${moving.key}-`))).toBe(true);
    const total = (records: Drained) => records.timeEntries.reduce((sum, entry) => sum + entry.hours, 0);
    expect(total(linear)).toBeCloseTo(total(jira), 9);
  });

  it('keeps its project figures, apart from those built on estimates in hours', () => {
    const [j] = jiraFigures.projects.projects;
    const [l] = linearFigures.projects.projects;
    const carried = (p: typeof j) => ({ pm: p!.pmId, portfolio: p!.portfolio, tasks: p!.tasks, doneTasks: p!.doneTasks, hours: p!.hours, people: p!.people, peopleToDate: p!.peopleToDate, ac: p!.evm.ac, late: p!.lateTasks?.map(daysLate).sort((a, b) => a - b) });
    expect(carried(l)).toEqual(carried(j));
    expect(j!.evm.bac).toBeGreaterThan(0);
    expect(l!.evm.bac).toBe(0);
  });

  it('says it has no cost baseline on Linear, instead of a CPI of 0 and "off track"', () => {
    const reason = 'Linear estimates are points, not hours: no cost baseline';
    expect(linearGaps).toEqual({ hourEstimates: reason });
    const [j] = jiraFigures.projects.projects;
    const [l] = linearFigures.projects.projects;
    // The hours are there on both sides; Jira has a baseline to measure them against, Linear none.
    expect(l!.evm.ac).toBeGreaterThan(0);
    expect(j!.evm.cpi).not.toBeNull();
    expect(l!.evm).toMatchObject({ spi: null, cpi: null, sv: null, cv: null, eac: null, etc: null, vac: null, tcpi: null });
    expect(l).toMatchObject({ health: 'not_reported', healthReason: reason, hourEstimatesUnavailable: reason });
    const pm = (figures: typeof jiraFigures) => figures.managers.managers.find((manager) => manager.id === figures.projects.projects[0]!.pmId)!;
    for (const kpi of needsHourEstimates) {
      expect(pm(jiraFigures).values[kpi]?.value, kpi).not.toBeNull();
      expect(pm(linearFigures).values[kpi], kpi).toMatchObject({ value: null, n: 0, unavailable: reason });
    }
  });

  it('keeps its PM\'s KPIs, apart from those built on estimates in hours', () => {
    const values = (figures: typeof jiraFigures) => {
      const pmId = figures.projects.projects[0]!.pmId;
      const pm = figures.managers.managers.find((manager) => manager.id === pmId)!;
      return Object.fromEntries(Object.entries(pm.values).filter(([kpi]) => !needsHourEstimates.has(kpi)));
    };
    const jiraValues = values(jiraFigures);
    expect(Object.keys(jiraValues).length).toBeGreaterThan(10);
    expect(values(linearFigures)).toEqual(jiraValues);
  });
});
