import type { JiraSourceConfig } from '../../config/index.ts';
import type { Connector, RecordBatch, SyncContext } from '../kit/connector.ts';
import { createPeopleLedger, type PeopleLedger } from '../kit/people.ts';
import { createQuarantineBin, type QuarantineBin } from '../kit/quarantine.ts';
import { createJiraClient, createJiraHttp, type JiraClient } from './client.ts';
import { mapIssuePage } from './issues.ts';
import { parseCursor, syncJql } from './jql.ts';
import { mapJiraPerson, mapJiraProject } from './map.ts';
import { issueFields, JiraProjectSchema } from './schema.ts';

/**
 * Jira Cloud: projects (the lead is the PM, the category the portfolio), then the issues updated
 * since the cursor with their worklogs. The cursor is the newest `updated` seen, in epoch ms.
 */
export const jiraConnector = {
  type: 'jira',
  async *read(context: SyncContext<JiraSourceConfig>): AsyncGenerator<RecordBatch, string | undefined, void> {
    const source = context.source.name;
    const client = createJiraClient(createJiraHttp(context), context.source.baseUrl, source);
    const bin = createQuarantineBin({ source, now: context.now });
    const people = createPeopleLedger();

    yield* readProjects(client, source, bin, people);

    const storyPointsField = context.source.storyPointsField ?? (await client.discoverStoryPointsField());
    const cursor = parseCursor(context.cursor);
    if (context.cursor !== undefined && cursor === undefined) context.log.warn('ignoring an unreadable Jira cursor', { cursor: context.cursor });
    const jql = syncJql(context.source.jql, cursor);
    const fields = storyPointsField ? [...issueFields, storyPointsField] : [...issueFields];
    context.log.info('reading Jira issues', { source, jql, storyPointsField });

    let newest = cursor;
    for await (const rawIssues of client.issuePages(jql, fields)) {
      const page = await mapIssuePage({ source, client, bin, people, storyPointsField }, rawIssues);
      if (page.newestUpdated !== undefined && (newest === undefined || page.newestUpdated > newest)) newest = page.newestUpdated;
      yield page.batch;
    }
    return newest === undefined ? context.cursor : String(newest);
  },
} satisfies Connector<JiraSourceConfig>;

async function* readProjects(client: JiraClient, source: string, bin: QuarantineBin, people: PeopleLedger): AsyncGenerator<RecordBatch> {
  for await (const rawProjects of client.projectPages()) {
    const projects = rawProjects.map((raw) => bin.map('project', JiraProjectSchema, raw, (project) => project)).filter((p) => p !== undefined);
    yield {
      people: people.admit(projects.map((project) => (project.lead ? mapJiraPerson(source, project.lead) : undefined))),
      projects: projects.map((project) => mapJiraProject(source, project)),
      quarantined: bin.drain(),
    };
  }
}

export { createJiraClient, createJiraHttp } from './client.ts';
export type { JiraClient } from './client.ts';
export { jiraStatus, mapJiraIssue, mapJiraPerson, mapJiraProject, mapJiraWorklog } from './map.ts';
export { syncJql } from './jql.ts';
