import type { Config } from '../config/index.ts';
import type { Person, Project, Task } from '../domain/index.ts';
import { applyProjectRules, buildPortfoliosDoc, createKpiEngine, FieldVoteTally } from '../kpi/index.ts';
import { createForecastEngine } from '../forecast/index.ts';
import { createDecisionLatency } from '../latency/index.ts';
import { withLatencyKpis } from '../latency/managers-kpis.ts';
import { buildQualityDoc } from '../publish/quality.ts';
import { taskUrlTemplate } from '../publish/task-links.ts';
import type { SnapshotDocuments } from '../contract/documents.ts';
import type { Store } from '../store/store.ts';
import { withRuntime, type RuntimeOptions } from './runtime.ts';
import { PipelineError } from './errors.ts';
import { STAGING_MANIFEST, stagingKey, type StagingManifest } from './staging.ts';

export interface ComputeOptions extends RuntimeOptions {
  /** The day the figures are computed for (YYYY-MM-DD); results for the same data and day are identical. */
  asOf: string;
}

/**
 * Reads every domain record from the store, streams it through the KPI engine and leaves the
 * documents in the report store's staging area for `publish`.
 */
export async function runCompute(config: Config, options: ComputeOptions): Promise<{ documents: string[] }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf))) {
    throw new PipelineError('compute', `--as-of must be a date YYYY-MM-DD, got "${options.asOf}"`, 2);
  }
  return withRuntime(config, options, async (runtime) => {
    const { store } = runtime;
    const [sourceProjects, people, runs] = await Promise.all([readAll<Project>(store, 'project'), readAll<Person>(store, 'person'), store.listLatestSyncRuns()]);
    // With a PM field, the projects' PMs come from the tasks' votes, and the engine needs the PMs
    // before its first task: the tasks are read once and held until the votes are counted.
    const votedTasks = readsPmField(config) ? await readTasksWithVotes(store) : undefined;
    const projects = applyProjectRules(sourceProjects, config.projectRules, { votes: votedTasks?.votes ?? new FieldVoteTally().votes, pmFieldSources: pmFieldSources(config) });
    const hoursUnavailable = Object.fromEntries(runs.flatMap((run) => (run.unavailable?.hours ? [[run.source, run.unavailable.hours]] : [])));
    const hourEstimatesUnavailable = Object.fromEntries(runs.flatMap((run) => (run.unavailable?.hourEstimates ? [[run.source, run.unavailable.hourEstimates]] : [])));
    const engine = createKpiEngine({ asOf: options.asOf, settings: config.kpi, projects, people, themes: config.themes, portfolioTargets: config.portfolioTargets, overrides: config.people, hoursUnavailable, hourEstimatesUnavailable });
    // One time rule for every figure: the same kpi.timeZone for the engine, latency and forecasts.
    const timeZone = config.kpi?.timeZone;
    const latency = createDecisionLatency({ asOf: options.asOf, windowDays: config.kpi?.windowDays, waitingStatuses: config.kpi?.waitingStatuses, timeZone });
    // One unit too: kpi.unit decides what throughput and the forecasts count.
    const forecastTasks = createForecastEngine({ asOf: options.asOf, projects, settings: { ...config.forecast, unit: config.kpi?.unit ?? 'items' }, timeZone });
    // Tasks first, then their status history, then time entries: later records look their task up.
    const addTasks = (page: Task[]) => {
      engine.addTasks(page);
      latency.addTasks(page);
      forecastTasks.addTasks(page);
    };
    // Held pages are let go one by one, so they are collectable as soon as the engines have them.
    if (votedTasks) for (let page = votedTasks.pages.shift(); page; page = votedTasks.pages.shift()) addTasks(page);
    else for await (const page of store.scanRecords('task')) addTasks(page);
    for await (const page of store.scanRecords('statusChange')) {
      engine.addStatusChanges(page);
      latency.addStatusChanges(page);
    }
    for await (const page of store.scanRecords('timeEntry')) engine.addTimeEntries(page);
    const result = engine.finish();
    const pmOfProject = new Map(result.projects.projects.map((project) => [project.id, project.pmId ?? undefined]));
    const documents: SnapshotDocuments = {
      'managers.json': withLatencyKpis(result.managers, latency.finish((projectId) => pmOfProject.get(projectId))),
      'forecasts.json': forecastTasks.finish(pmOfProject, result.managers.managers),
      'projects.json': result.projects,
      'portfolios.json': buildPortfoliosDoc(result.projects),
      'alignment.json': result.alignment,
      'quality.json': buildQualityDoc({
        now: runtime.now(),
        runs,
        sources: config.sources.map((source) => ({ name: source.name, type: source.type, taskUrl: taskUrlTemplate(source) })),
        quarantine: await store.listQuarantine(),
        unmatchedIdentities: result.unmatchedIdentities,
        findings: result.findings,
        findingsOmitted: result.findingsOmitted,
        identitySuggestions: result.identitySuggestions,
        identities: result.identities,
        doneDating: result.doneDating,
      }),
    };
    const names = Object.keys(documents) as (keyof SnapshotDocuments)[];
    for (const name of names) await runtime.reports.putJson(stagingKey(name), documents[name]);
    const manifest: StagingManifest = { asOf: options.asOf, computedAt: runtime.now().toISOString(), documents: names };
    // The manifest goes last: publish trusts staging only once it is complete.
    await runtime.reports.putJson(STAGING_MANIFEST, manifest);
    runtime.log.info(`computed ${names.length} documents`, { asOf: options.asOf, managers: result.managers.managers.length });
    return { documents: names };
  });
}

async function readAll<T>(store: Store, kind: 'project' | 'person'): Promise<T[]> {
  const all: T[] = [];
  for await (const page of store.scanRecords(kind)) all.push(...(page as T[]));
  return all;
}

/** Whether a source keeps its PM field on the tasks (Jira issues, Azure DevOps work items), so projects take their PM from the tasks' votes. */
function readsPmField(config: Config): boolean {
  return config.sources.some((source) => (source.type === 'jira' || source.type === 'azure-devops') && source.fields?.pm !== undefined);
}

/** The tasks, page by page, and the votes of their PM field per project, from one read of the store. */
async function readTasksWithVotes(store: Store): Promise<{ pages: Task[][]; votes: FieldVoteTally['votes'] }> {
  const tally = new FieldVoteTally();
  const pages: Task[][] = [];
  for await (const page of store.scanRecords('task')) {
    tally.addTasks(page);
    pages.push(page);
  }
  return { pages, votes: tally.votes };
}

/** The sources whose config names a PM field: a field value stored by an earlier configuration of another counts no more. */
function pmFieldSources(config: Config): Set<string> {
  return new Set(config.sources.filter((source) => 'fields' in source && source.fields?.pm !== undefined).map((source) => source.name));
}
