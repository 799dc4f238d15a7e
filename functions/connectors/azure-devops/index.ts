import type { AzureDevOpsSourceConfig } from '../../config/index.ts';
import { recordId } from '../../domain/index.ts';
import type { Connector, RecordBatch, SyncContext } from '../kit/connector.ts';
import { decodeCheckpoint, withCheckpoint } from '../kit/checkpoint.ts';
import { ConnectorError } from '../kit/errors.ts';
import { createPeopleLedger } from '../kit/people.ts';
import { createQuarantineBin, type QuarantineBin } from '../kit/quarantine.ts';
import { decodeState, encodeState } from '../kit/sync-state.ts';
import { createAdoClient, createAdoHttp, type AdoClient } from './client.ts';
import { mapAdoProject } from './map.ts';
import { mapRevisionBatch, type RevisionReader } from './revisions.ts';
import { AdoDeletedRefSchema, AdoProjectSchema, AdoTeamSchema, revisionFields, type AdoProject, type AdoRevision } from './schema.ts';
import { AdoCheckpointSchema, AdoStateSchema, type AdoCheckpoint } from './cursor.ts';
import { createStateBook } from './states.ts';

/**
 * Azure DevOps Boards: the projects (and their teams), then per project the reporting revisions
 * feed, which carries every revision of every work item from a watermark on, so state history,
 * plan changes and hours (CompletedWork, hours.ts) all come incrementally; then the recycle bin,
 * whose work items are deleted. Each feed batch carries a checkpoint; the cursor keeps each
 * project's watermark. A backfill (`since`) reads the feed from `startDateTime` instead.
 */
export const azureDevOpsConnector = {
  type: 'azure-devops',
  async *read(context: SyncContext<AzureDevOpsSourceConfig>): AsyncGenerator<RecordBatch, string | undefined, void> {
    const config = context.source;
    const source = config.name;
    const client = createAdoClient(createAdoHttp(context), config, source);
    const bin = createQuarantineBin({ source, now: context.now });
    const people = createPeopleLedger();
    const state = decodeState(AdoStateSchema, context.cursor, context.log, source);
    const resume = decodeCheckpoint(AdoCheckpointSchema, context);

    const projects = await chosenProjects(client, config, bin);
    const teamsOf = new Map<string, string[]>();
    for (const project of projects) teamsOf.set(project.id, await teamNames(client, project.id, bin));
    yield {
      projects: config.areaPathDepth === 1 ? projects.map((project) => mapAdoProject(source, project.name, teamsOf.get(project.id))) : [],
      quarantined: bin.drain(),
    };

    const done: Record<string, string> = { ...(resume?.done ?? {}) };
    const queue = resume ? projects.filter((project) => resume.projects.includes(project.id)) : projects;
    const fields = revisionFields(config.fields?.pm);
    const histories = new Map<number, Map<number, AdoRevision | null>>();
    const mappedRev = new Map<number, number>();
    const projectsSeen = new Set<string>(config.areaPathDepth === 1 ? projects.map((project) => project.name) : []);
    for (let index = 0; index < queue.length; index += 1) {
      const project = queue[index]!;
      const reader: RevisionReader = {
        source, project: project.id, client, bin, people, states: createStateBook(client), histories, projectsSeen, teams: teamsOf.get(project.id) ?? [], fields: new Set(fields), mappedRev,
        view: { source, depth: config.areaPathDepth, pmField: config.fields?.pm },
      };
      const resumedToken = index === 0 ? resume?.token : undefined;
      let from = resumedToken !== undefined ? { continuationToken: resumedToken } : context.since ? { startDateTime: context.since.toISOString() } : { continuationToken: state?.tokens[project.id] };
      for (;;) {
        const page = await client.revisions(project.id, fields, from);
        const batch = await mapRevisionBatch(reader, page.values);
        const last = page.isLastBatch || page.continuationToken === from.continuationToken;
        if (last) done[project.id] = page.continuationToken;
        const rest = queue.slice(last ? index + 1 : index).map((item) => item.id);
        const position: AdoCheckpoint = { v: 1, projects: rest, ...(last ? {} : { token: page.continuationToken }), done };
        yield withCheckpoint(batch, position);
        if (last) break;
        from = { continuationToken: page.continuationToken };
      }
      histories.clear();
    }

    for (const project of projects) {
      const ids = (await client.recycleBin(project.id))
        .map((raw) => AdoDeletedRefSchema.safeParse(raw))
        .filter((parsed) => parsed.success)
        .map((parsed) => recordId(source, String(parsed.data.id)));
      if (ids.length) yield { deletions: [{ kind: 'task', ids }] };
    }
    // Projects not read this time (a backfill of some) keep their earlier watermark.
    return encodeState({ v: 1, tokens: { ...(state?.tokens ?? {}), ...done } });
  },
} satisfies Connector<AzureDevOpsSourceConfig>;

/** Every project the token sees, or those the config names (by name, any case, or id). */
async function chosenProjects(client: AdoClient, config: AzureDevOpsSourceConfig, bin: QuarantineBin): Promise<AdoProject[]> {
  const all: AdoProject[] = [];
  for await (const page of client.projects()) {
    for (const raw of page) {
      const project = bin.map('project', AdoProjectSchema, raw, (parsed) => parsed);
      if (project) all.push(project);
    }
  }
  if (!config.projects) return all;
  return config.projects.map((wanted, index) => {
    const found = all.find((project) => project.id === wanted || project.name.toLowerCase() === wanted.toLowerCase());
    if (found) return found;
    throw new ConnectorError(`lists no project "${wanted}" for this token (sources[].projects[${index}]; projects: ${all.map((project) => project.name).join(', ') || 'none'})`, {
      source: config.name,
      request: 'GET _apis/projects',
    });
  });
}

async function teamNames(client: AdoClient, projectId: string, bin: QuarantineBin): Promise<string[]> {
  const names: string[] = [];
  for await (const page of client.teams(projectId)) {
    for (const raw of page) {
      const team = bin.map('team', AdoTeamSchema, raw, (parsed) => parsed);
      if (team) names.push(team.name);
    }
  }
  return names;
}

export { createAdoClient, createAdoHttp } from './client.ts';
export { completedWorkEntries } from './hours.ts';
export { mapWorkItem } from './history.ts';
