import { describe, expect, it } from 'vitest';
import type { AsanaClient } from '../../functions/connectors/asana/client.ts';
import { mapAsanaProject } from '../../functions/connectors/asana/map.ts';
import { AsanaProjectSchema } from '../../functions/connectors/asana/schema.ts';
import { mapTaskPage } from '../../functions/connectors/asana/tasks.ts';
import { createPeopleLedger } from '../../functions/connectors/kit/people.ts';
import { createQuarantineBin } from '../../functions/connectors/kit/quarantine.ts';
import { createTimeTrackingGate } from '../../functions/connectors/asana/time-tracking.ts';
import { fixedNow, fixture } from './fixtures.ts';
import { silentLog } from './helpers/local-server.ts';

const source = 'asana-main';
const unexpected = () => { throw new Error('unexpected call'); };

async function mapTasksFixture() {
  const askedFor: string[] = [];
  const client: AsanaClient = {
    myWorkspaces: unexpected, users: unexpected, portfolios: unexpected, portfolio: unexpected, portfolioItems: unexpected, projects: unexpected, projectTasks: unexpected, customFields: unexpected,
    subtasks: async (task) => (fixture('asana', `subtasks-${task}`) as { data: unknown[] }).data,
    async taskTimeEntries(task) {
      askedFor.push(task);
      return (fixture('asana', `time-entries-${task}`) as { data: unknown[] }).data;
    },
    // The fixture's tasks have no due-date changes: their stories hold none.
    taskStories: async () => [],
  };
  const context = { source, client, bin: createQuarantineBin({ source, now: fixedNow }), people: createPeopleLedger(), seenTasks: new Set<string>(), listed: new Set<string>(), timeTracking: createTimeTrackingGate(client, source, silentLog) };
  const page = fixture('asana', 'tasks-page-1') as { data: unknown[] };
  const batch = await mapTaskPage(context, '2001', page.data);
  return { batch, askedFor, context, page };
}

describe('Asana mapping', () => {
  it('maps projects: owner is the PM, the holding portfolio names the portfolio', () => {
    const page = fixture('asana', 'projects-page-1') as { data: unknown[] };
    const [first, second] = page.data.map((raw) => AsanaProjectSchema.parse(raw));
    expect(mapAsanaProject(source, first!, 'Customer Growth')).toEqual({
      id: 'asana-main:2001', source, sourceId: '2001', name: 'Mobile App', pmId: 'asana-main:1001', portfolio: 'Customer Growth', tags: [],
    });
    expect(mapAsanaProject(source, second!, undefined)).toEqual({ id: 'asana-main:2002', source, sourceId: '2002', name: 'Data Warehouse', tags: [] });
  });

  it('maps tasks: completion, section, due date, estimate and theme', async () => {
    const { batch } = await mapTasksFixture();
    expect(batch.tasks).toEqual([
      {
        id: 'asana-main:3001', source, sourceId: '3001', projectId: 'asana-main:2001', title: 'Login screen', status: 'done', originalStatus: 'Completed',
        createdAt: '2026-02-01T09:00:00.000Z', updatedAt: '2026-02-21T10:00:00.000Z', assigneeId: 'asana-main:1002', dueOn: '2026-02-19',
        doneAt: '2026-02-20T15:00:00.000Z', estimateHours: 12, spentHours: 1.5, tags: ['ux', 'Customer Growth'],
      },
      {
        id: 'asana-main:3002', source, sourceId: '3002', projectId: 'asana-main:2001', title: 'Push notifications', status: 'in_progress',
        originalStatus: 'Blocked', createdAt: '2026-02-03T09:00:00.000Z', updatedAt: '2026-02-25T11:00:00.000Z', dueOn: '2026-03-05',
        spentHours: 0, parentId: 'asana-main:3001', tags: [],
      },
      {
        id: 'asana-main:3004', source, sourceId: '3004', projectId: 'asana-main:2001', title: 'App store listing', status: 'todo',
        originalStatus: 'To do', createdAt: '2026-02-04T09:00:00.000Z', updatedAt: '2026-02-24T11:00:00.000Z', dueOn: '2026-03-10', tags: ['launch'],
      },
      {
        // A subtask: its due date from `due_at`, story points from a number field, its theme from a text field.
        id: 'asana-main:3005', source, sourceId: '3005', projectId: 'asana-main:2001', title: 'Store screenshots', status: 'todo',
        originalStatus: 'No section', createdAt: '2026-02-05T09:00:00.000Z', updatedAt: '2026-02-26T09:00:00.000Z', assigneeId: 'asana-main:1003',
        dueOn: '2026-03-08', storyPoints: 3, spentHours: 0.75, parentId: 'asana-main:3004', tags: ['Launch readiness'],
      },
    ]);
  });

  it('asks for time entries only of tasks with tracked time, and maps them', async () => {
    const { batch, askedFor } = await mapTasksFixture();
    expect(askedFor).toEqual(['3001', '3005']);
    expect(batch.timeEntries).toEqual([
      { id: 'asana-main:8001', source, sourceId: '8001', taskId: 'asana-main:3001', projectId: 'asana-main:2001', personId: 'asana-main:1002', date: '2026-02-10', hours: 1 },
      { id: 'asana-main:8002', source, sourceId: '8002', taskId: 'asana-main:3001', projectId: 'asana-main:2001', personId: 'asana-main:1003', date: '2026-02-11', hours: 0.5 },
      { id: 'asana-main:8005', source, sourceId: '8005', taskId: 'asana-main:3005', projectId: 'asana-main:2001', personId: 'asana-main:1003', date: '2026-02-26', hours: 0.75 },
    ]);
    expect(batch.people?.map((person) => person.email)).toEqual(['theo@northwind.example', 'ada@northwind.example']);
  });

  it('quarantines a task with a bad `created_at` and maps the rest', async () => {
    const { batch } = await mapTasksFixture();
    expect(batch.quarantined).toHaveLength(1);
    expect(batch.quarantined?.[0]).toMatchObject({ source, kind: 'task', recordId: '3003', at: '2026-03-05T12:00:00.000Z' });
    expect(batch.quarantined?.[0]?.reason).toMatch(/^created_at: /);
  });

  it('keeps a task listed by a second project only once', async () => {
    const { context, page } = await mapTasksFixture();
    const again = await mapTaskPage(context, '2002', page.data);
    expect(again.tasks).toEqual([]);
  });
});

describe('Asana milestones', () => {
  it('maps a task of subtype milestone to type Milestone, which the milestone KPI reads', async () => {
    const { mapAsanaTask } = await import('../../functions/connectors/asana/map.ts');
    const { AsanaTaskSchema } = await import('../../functions/connectors/asana/schema.ts');
    const raw = { gid: '9', name: 'Launch', completed: false, created_at: '2026-03-01T10:00:00.000Z', modified_at: '2026-03-02T10:00:00.000Z' };
    expect(mapAsanaTask(source, AsanaTaskSchema.parse({ ...raw, resource_subtype: 'milestone' }), '2001').type).toBe('Milestone');
    expect(mapAsanaTask(source, AsanaTaskSchema.parse({ ...raw, resource_subtype: 'default_task' }), '2001').type).toBeUndefined();
    expect(mapAsanaTask(source, AsanaTaskSchema.parse(raw), '2001').type).toBeUndefined();
  });
});
