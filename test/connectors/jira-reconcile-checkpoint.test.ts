import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startJiraServer, type RunningJiraServer } from '../../demo/servers/index.ts';
import type { JiraSourceConfig } from '../../functions/config/index.ts';
import { createJiraClient, createJiraHttp } from '../../functions/connectors/jira/index.ts';
import { settleLedger, type IdListingPosition } from '../../functions/connectors/jira/reconcile.ts';
import type { RecordBatch } from '../../functions/connectors/kit/connector.ts';
import { decodeIdSet, encodeIdSet } from '../../functions/connectors/kit/id-set.ts';
import { trimOrg } from '../faults/world.ts';

/**
 * The Jira id listing against the demo Jira serving 10 ids a page: each page but the last offers
 * a checkpoint holding every id listed so far, until that checkpoint would outgrow the budget;
 * from then on the listing offers none (a run cannot stop there) and says so once, and still
 * finds the same deletions. A token that expires between two pages starts the listing over.
 */
const org = trimOrg(generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' }), 1);
const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
const issueIds = org.tasks.filter((task) => jiraProjects.has(task.projectId)).map((task) => task.sourceId);
/** Known before the listing: every issue, and two the site no longer has. */
const known = [...issueIds, '1', '2'];
const PAGE = 10;
const BUDGET = 300;

describe('the Jira id listing and its checkpoints', () => {
  let server: RunningJiraServer;
  beforeAll(async () => {
    server = await startJiraServer(org, { maxIdPage: PAGE });
  });
  afterAll(() => server.close());

  async function list(budget?: number, afterFirstCheckpoint?: () => void) {
    const warnings: string[] = [];
    const source: JiraSourceConfig = { type: 'jira', name: 'jira', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN' };
    const context = { source, token: demoCredentials.jira.token, fetch, now: () => new Date(org.now), log: { info() {}, warn: (m: string) => void warnings.push(m), error() {} } };
    const ledger = settleLedger({
      client: createJiraClient(createJiraHttp(context), server.url, 'jira'), source: 'jira', configJql: undefined, log: context.log,
      state: { v: 1, ids: encodeIdSet(known), fullAt: 0, syncsSinceFull: 0 }, readAll: false, readIds: new Set(), now: new Date(org.now),
      mark: (position: IdListingPosition) => ({ step: 'reconcile', ...position }), ...(budget === undefined ? {} : { maxCheckpointChars: budget }),
    });
    const batches: RecordBatch[] = [];
    let step = await ledger.next();
    for (; !step.done; step = await ledger.next()) {
      batches.push(step.value);
      if (step.value.checkpoint && batches.filter((batch) => batch.checkpoint).length === 1) afterFirstCheckpoint?.();
    }
    return { batches, marks: step.value, warnings };
  }

  it('checkpoints every page but the last with the ids listed so far', async () => {
    const { batches, marks } = await list();
    const checkpoints = batches.flatMap((batch) => (batch.checkpoint ? [JSON.parse(batch.checkpoint) as IdListingPosition] : []));
    const pages = Math.ceil(issueIds.length / PAGE);
    expect(checkpoints).toHaveLength(pages - 1);
    checkpoints.forEach((checkpoint, index) => expect(decodeIdSet(checkpoint.found).size).toBe((index + 1) * PAGE));
    expect(batches.flatMap((batch) => batch.deletions ?? [])).toEqual([{ kind: 'task', ids: ['jira:1', 'jira:2'] }]);
    expect(decodeIdSet(marks.ids!)).toEqual(new Set(issueIds));
  });

  it('offers no checkpoint that would outgrow the budget, says so once, and finds the same deletions', async () => {
    const { batches, warnings } = await list(BUDGET);
    const checkpoints = batches.flatMap((batch) => (batch.checkpoint ? [batch.checkpoint] : []));
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints.length).toBeLessThan(Math.ceil(issueIds.length / PAGE) - 1);
    for (const checkpoint of checkpoints) expect(checkpoint.length).toBeLessThanOrEqual(BUDGET);
    expect(warnings.filter((warning) => warning.includes('no longer fit a checkpoint'))).toHaveLength(1);
    expect(batches.flatMap((batch) => batch.deletions ?? [])).toEqual([{ kind: 'task', ids: ['jira:1', 'jira:2'] }]);
  });

  it('lists again from the start when a token expires between two pages, once, and finds the same deletions', async () => {
    const { batches, marks, warnings } = await list(undefined, () => server.expirePageTokens());
    expect(warnings.filter((warning) => warning.includes('refused a page token'))).toHaveLength(1);
    // The first page came twice: once before the token expired, once when the listing started over.
    expect(batches.filter((batch) => batch.checkpoint).length).toBe(Math.ceil(issueIds.length / PAGE));
    expect(batches.flatMap((batch) => batch.deletions ?? [])).toEqual([{ kind: 'task', ids: ['jira:1', 'jira:2'] }]);
    expect(decodeIdSet(marks.ids!)).toEqual(new Set(issueIds));
  });
});
