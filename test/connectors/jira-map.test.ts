import { describe, expect, it } from 'vitest';
import type { JiraClient } from '../../functions/connectors/jira/client.ts';
import { mapIssuePage } from '../../functions/connectors/jira/issues.ts';
import { mapJiraProject } from '../../functions/connectors/jira/map.ts';
import { JiraProjectSchema } from '../../functions/connectors/jira/schema.ts';
import { createPeopleLedger } from '../../functions/connectors/kit/people.ts';
import { createQuarantineBin } from '../../functions/connectors/kit/quarantine.ts';
import { fixedNow, fixture } from './fixtures.ts';

const source = 'jira-main';

/** Every issue of the fixture embeds all its worklogs, so the client must never be asked. */
const unexpected = () => { throw new Error('unexpected call'); };
const noFetchClient: JiraClient = {
  fields: unexpected, statuses: unexpected, projectPages: unexpected, issuePages: unexpected, issueIdPages: unexpected,
  worklogs: unexpected, worklogsUpdated: unexpected, worklogsDeleted: unexpected, worklogList: unexpected,
  // The fixture's issues have no status history to read.
  changelogs: async () => new Map(),
};

async function mapSearchPage() {
  const page = fixture('jira', 'search-page-1') as { issues: unknown[] };
  const context = {
    source,
    client: noFetchClient,
    bin: createQuarantineBin({ source, now: fixedNow }),
    people: createPeopleLedger(),
    storyPointsFields: ['customfield_10016'],
    categories: new Map(),
    seen: { projectOf: new Map<string, string>(), worklogs: new Set<string>() },
  };
  return mapIssuePage(context, page.issues);
}

describe('Jira mapping', () => {
  it('maps a project: lead is the PM, category the portfolio', () => {
    const page = fixture('jira', 'project-search') as { values: unknown[] };
    const projects = page.values.map((raw) => mapJiraProject(source, JiraProjectSchema.parse(raw)));
    expect(projects).toEqual([
      { id: 'jira-main:10000', source, sourceId: '10000', key: 'PAY', name: 'Payments Platform', pmId: 'jira-main:acc-lead-1', portfolio: 'Customer Growth', tags: [] },
      { id: 'jira-main:10001', source, sourceId: '10001', key: 'OPS', name: 'Operations', pmId: 'jira-main:acc-lead-2', tags: [] },
    ]);
  });

  it('maps issues of a search page to tasks', async () => {
    const { batch } = await mapSearchPage();
    expect(batch.tasks).toEqual([
      {
        id: 'jira-main:20001', source, sourceId: '20001', projectId: 'jira-main:10000', title: 'Card tokenisation', type: 'Story',
        status: 'done', originalStatus: 'Done', assigneeId: 'jira-main:acc-dev-1',
        createdAt: '2026-02-02T08:00:00.000+00:00', updatedAt: '2026-03-02T10:00:00.000+00:00', dueOn: '2026-03-01',
        doneAt: '2026-02-27T16:30:00.000+01:00', doneFrom: 'resolution', estimateHours: 8, spentHours: 10, storyPoints: 5, tags: ['payments', 'pci', 'Checkout'],
      },
      {
        id: 'jira-main:20003', source, sourceId: '20003', projectId: 'jira-main:10001', title: 'Rotate certificates', type: 'Sub-task',
        status: 'in_progress', originalStatus: 'Code Review', assigneeId: 'jira-main:acc-dev-2',
        createdAt: '2026-03-01T12:00:00.000+00:00', updatedAt: '2026-03-04T09:30:00.000+00:00', dueOn: '2026-03-20',
        startedAt: '2026-03-02T08:00:00.000+00:00', estimateHours: 1.5, spentHours: 0, parentId: 'jira-main:20001', tags: ['security'],
      },
    ]);
  });

  it('maps embedded worklogs to time entries dated by the day Jira wrote', async () => {
    const { batch } = await mapSearchPage();
    expect(batch.timeEntries).toEqual([
      {
        id: 'jira-main:30001', source, sourceId: '30001', taskId: 'jira-main:20001', projectId: 'jira-main:10000',
        personId: 'jira-main:acc-dev-1', date: '2026-02-03', hours: 6, updatedAt: '2026-02-04T05:00:00.000+00:00',
        startedAt: '2026-02-03T23:30:00.000-05:00', // the offset kept: the day is 3 Feb as Jira wrote it
      },
      {
        id: 'jira-main:30002', source, sourceId: '30002', taskId: 'jira-main:20001', projectId: 'jira-main:10000',
        personId: 'jira-main:acc-dev-2', date: '2026-02-05', hours: 4, updatedAt: '2026-02-05T13:00:00.000+00:00',
        startedAt: '2026-02-05T09:00:00.000+00:00',
      },
    ]);
  });

  it('lists each person once, with the email any sighting showed', async () => {
    const { batch } = await mapSearchPage();
    expect(batch.people).toEqual([
      { id: 'jira-main:acc-dev-1', source, sourceId: 'acc-dev-1', name: 'Dana Dev', email: 'dana@northwind.example' },
      { id: 'jira-main:acc-dev-2', source, sourceId: 'acc-dev-2', name: 'Eli Eng', email: 'eli@northwind.example' },
    ]);
  });

  it('quarantines an issue without `created` and maps the rest of the page', async () => {
    const { batch } = await mapSearchPage();
    expect(batch.tasks?.map((task) => task.sourceId)).toEqual(['20001', '20003']);
    expect(batch.quarantined).toHaveLength(1);
    const entry = batch.quarantined?.[0];
    expect(entry?.recordId).toBe('20002');
    expect(entry?.kind).toBe('task');
    expect(entry?.source).toBe(source);
    expect(entry?.at).toBe('2026-03-05T12:00:00.000Z');
    expect(entry?.reason).toMatch(/^fields\.created: /);
    expect((entry?.raw as { key: string }).key).toBe('PAY-2');
  });

  it('reports the newest `updated` of the page for the cursor', async () => {
    const { newestUpdated } = await mapSearchPage();
    expect(newestUpdated).toBe(1772616600000);
  });
});
