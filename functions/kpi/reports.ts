import type { Project } from '../domain/records.ts';
import { SCHEMA_VERSION, type KpiValue, type ManagersDoc, type ProjectsDoc } from '../publish/documents.ts';
import { isSmallSample, KPI_IDS, kpiDefinitions, type KpiId } from './definitions.ts';
import type { Identity } from './identity.ts';
import { mean, median, ratio, roundHours, roundRatio } from './numbers.ts';
import { sumTallies, type ProjectTally } from './project-tally.ts';
import type { Window } from './window.ts';

/** Turns the per-project tallies into the managers and projects documents. */

export interface TalliedProject {
  project: Project;
  pm: Identity | undefined;
  tally: ProjectTally;
}

type RawValues = Record<KpiId, { value: number | null; n: number }>;

const byName = <T extends { name: string; id: string }>(a: T, b: T): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const roundFor = (id: KpiId, value: number): number => (id === 'hoursLogged' ? roundHours(value) : roundRatio(value));
const rounded = (id: KpiId, value: number | null): number | null => (value === null ? null : roundFor(id, value));

function rawValues(tally: ProjectTally): RawValues {
  return {
    onTimeRate: { value: ratio(tally.onTimeInWindow, tally.dueInWindow), n: tally.dueInWindow },
    hoursLogged: { value: tally.hoursInWindow, n: tally.entriesInWindow },
    spi: { value: ratio(tally.ev, tally.pv), n: tally.estimatedTasks },
    cpi: { value: ratio(tally.ev, tally.ac), n: tally.estimatedTasks },
  };
}

export function buildManagersDoc(asOf: string, window: Window, projects: readonly TalliedProject[]): ManagersDoc {
  const groups = new Map<string, { pm: Identity; items: TalliedProject[] }>();
  for (const item of projects) {
    if (!item.pm) continue;
    const group = groups.get(item.pm.id) ?? { pm: item.pm, items: [] };
    group.items.push(item);
    groups.set(item.pm.id, group);
  }
  const rows = [...groups.values()].map(({ pm, items }) => ({
    pm,
    projectIds: [...items].sort((a, b) => byName(a.project, b.project)).map((item) => item.project.id),
    raw: rawValues(sumTallies(items.map((item) => item.tally))),
  }));
  rows.sort((a, b) => byName(a.pm, b.pm));
  return {
    schemaVersion: SCHEMA_VERSION,
    asOf,
    window,
    kpis: [...kpiDefinitions],
    managers: rows.map(({ pm, projectIds, raw }) => ({ id: pm.id, name: pm.name, projectIds, values: published(raw) })),
    company: companyStats(rows.map((row) => row.raw)),
  };
}

function published(raw: RawValues): Record<string, KpiValue> {
  const values: Record<string, KpiValue> = {};
  for (const id of KPI_IDS) {
    values[id] = { value: rounded(id, raw[id].value), n: raw[id].n, smallSample: isSmallSample(id, raw[id].n) };
  }
  return values;
}

/** Mean and median over the PMs that have a value; computed before rounding. */
function companyStats(rows: readonly RawValues[]): ManagersDoc['company'] {
  const company: ManagersDoc['company'] = {};
  for (const id of KPI_IDS) {
    const values = rows.map((row) => row[id].value).filter((value): value is number => value !== null);
    company[id] = { mean: rounded(id, mean(values)), median: rounded(id, median(values)) };
  }
  return company;
}

export function buildProjectsDoc(asOf: string, projects: readonly TalliedProject[]): ProjectsDoc {
  const sorted = [...projects].sort((a, b) => byName(a.project, b.project));
  return {
    schemaVersion: SCHEMA_VERSION,
    asOf,
    projects: sorted.map(({ project, pm, tally }) => ({
      id: project.id,
      name: project.name,
      source: project.source,
      pmId: pm?.id ?? null,
      portfolio: project.portfolio ?? null,
      tasks: tally.tasks,
      doneTasks: tally.doneTasks,
      hours: roundHours(tally.hoursInWindow),
      evm: {
        bac: roundHours(tally.bac),
        pv: roundHours(tally.pv),
        ev: roundHours(tally.ev),
        ac: roundHours(tally.ac),
        spi: rounded('spi', ratio(tally.ev, tally.pv)),
        cpi: rounded('cpi', ratio(tally.ev, tally.ac)),
      },
    })),
  };
}
