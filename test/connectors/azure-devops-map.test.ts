import { describe, expect, it } from 'vitest';
import { mapWorkItem } from '../../functions/connectors/azure-devops/history.ts';
import { areaKey, mapAdoProject } from '../../functions/connectors/azure-devops/map.ts';
import { statusOfCategory } from '../../functions/connectors/azure-devops/states.ts';
import { AdoRevisionSchema, type AdoRevision } from '../../functions/connectors/azure-devops/schema.ts';
import { adoFixture } from './contract/azure-devops-fixture-server.ts';
import { applyProjectRules, FieldVoteTally } from '../../functions/kpi/index.ts';

/** One work item's revisions → task, status changes and entries; each figure below worked by hand from test/fixtures/azure-devops/revisions.json. */

const categories: Record<string, Record<string, string>> = {
  Task: { New: 'Proposed', Active: 'InProgress', Closed: 'Completed', Removed: 'Removed' },
  Bug: { New: 'Proposed', Active: 'InProgress', Resolved: 'Resolved', Closed: 'Completed' },
};
const view = (depth = 1) => ({ source: 'ado', depth, statusOf: (type: string, state: string) => statusOfCategory(categories[type]?.[state] ?? '') });

function revisionsOf(id: number): AdoRevision[] {
  return (adoFixture('revisions').revisions as unknown[]).map((raw) => AdoRevisionSchema.safeParse(raw)).filter((parsed) => parsed.success && parsed.data.id === id).map((parsed) => parsed.data!);
}

describe('Azure DevOps state categories', () => {
  it('maps the five categories onto todo, in progress and done', () => {
    expect(['Proposed', 'InProgress', 'Resolved', 'Completed', 'Removed'].map(statusOfCategory)).toEqual(['todo', 'in_progress', 'in_progress', 'done', 'done']);
    expect(statusOfCategory('Unheard')).toBeUndefined();
  });
});

describe('a work item from its revisions', () => {
  it('dates start, completion and plan changes from the revisions, and turns CompletedWork into entries', () => {
    const mapped = mapWorkItem(view(2), revisionsOf(101));
    expect(mapped.task).toMatchObject({
      id: 'ado:101', projectId: 'ado:Fabrikam\\Payments', status: 'done', originalStatus: 'Closed', type: 'Task',
      createdAt: '2026-03-02T09:00:00Z', updatedAt: '2026-03-04T17:00:00Z',
      // rev 2 New → Active; rev 5 Active → Closed
      startedAt: '2026-03-02T15:00:00Z', doneAt: '2026-03-04T17:00:00Z', doneFrom: 'changelog',
      dueOn: '2026-03-05', estimateHours: 10, spentHours: 6.5, tags: ['pci', 'backend'],
      dueChanges: [{ at: '2026-03-03T16:30:00Z', to: '2026-03-06' }, { at: '2026-03-04T17:00:00Z', from: '2026-03-06', to: '2026-03-05' }],
      estimateChanges: [{ at: '2026-03-04T17:00:00Z', fromHours: 8, toHours: 10 }],
    });
    // CompletedWork 0 → 3 → 5 → 4 → 6.5: +3 (rev 2), +2 (rev 3) less the 1 taken back at rev 4, +2.5 (rev 5): 3 + 1 + 2.5 = 6.5
    expect(mapped.timeEntries.map(({ sourceId, date, hours, personId }) => ({ sourceId, date, hours, personId }))).toEqual([
      { sourceId: '101.2', date: '2026-03-02', hours: 3, personId: 'ado:a1a1a1a1-0000-0000-0000-000000000001' },
      { sourceId: '101.3', date: '2026-03-03', hours: 1, personId: 'ado:a1a1a1a1-0000-0000-0000-000000000001' },
      { sourceId: '101.5', date: '2026-03-04', hours: 2.5, personId: 'ado:a1a1a1a1-0000-0000-0000-000000000001' },
    ]);
    expect(mapped.statusChanges.map(({ at, fromStatus, toStatus, from, to }) => ({ at, fromStatus, toStatus, from, to }))).toEqual([
      { at: '2026-03-02T15:00:00Z', fromStatus: 'New', toStatus: 'Active', from: 'todo', to: 'in_progress' },
      { at: '2026-03-04T17:00:00Z', fromStatus: 'Active', toStatus: 'Closed', from: 'in_progress', to: 'done' },
    ]);
  });

  it('names whoever saved the revision for its hours; a resolved bug is still in progress', () => {
    const mapped = mapWorkItem(view(), revisionsOf(102));
    expect(mapped.task).toMatchObject({ status: 'in_progress', originalStatus: 'Resolved', dueOn: '2026-03-10', parentId: 'ado:101', projectId: 'ado:Fabrikam' });
    expect(mapped.task.doneAt).toBeUndefined();
    expect(mapped.task.assigneeId).toBeUndefined();
    expect(mapped.timeEntries).toMatchObject([{ sourceId: '102.2', hours: 1.5, personId: 'ado:b2b2b2b2-0000-0000-0000-000000000002' }]);
  });

  it('gives hours to whoever saved the revision, not to the assignee', () => {
    const revisions = revisionsOf(101);
    const ben = { id: 'b2b2b2b2-0000-0000-0000-000000000002', displayName: 'Ben Okafor', uniqueName: 'ben@fabrikam.example' };
    // Ben saves rev 3 (CompletedWork 3 → 5) on Ana's task: his 2 hours, of which rev 4 takes 1 back.
    const edited = revisions.map((revision) => (revision.rev === 3 ? { ...revision, fields: { ...revision.fields, 'System.ChangedBy': ben } } : revision));
    const entries = mapWorkItem(view(), edited).timeEntries.map(({ sourceId, hours, personId }) => ({ sourceId, hours, personId }));
    expect(entries).toContainEqual({ sourceId: '101.3', hours: 1, personId: `ado:${ben.id}` });
    expect(mapWorkItem(view(), edited).task.assigneeId).toBe('ado:a1a1a1a1-0000-0000-0000-000000000001');
  });

  it('refuses a current state its type does not list (the record is quarantined by the caller)', () => {
    const revisions = revisionsOf(101);
    const last = revisions[revisions.length - 1]!;
    const odd = { ...last, fields: { ...last.fields, 'System.State': 'Parked' } };
    expect(() => mapWorkItem(view(), [...revisions.slice(0, -1), odd])).toThrow(/"Parked" is not a state of work item type "Task"/);
  });

  it('dates a work item created done at its first revision', () => {
    const [first] = revisionsOf(101);
    const closed = { ...first!, fields: { ...first!.fields, 'System.State': 'Closed' } };
    expect(mapWorkItem(view(), [closed]).task).toMatchObject({ status: 'done', doneAt: '2026-03-02T09:00:00Z' });
  });
});

describe('projects from area paths', () => {
  it('cuts the area path at the configured depth; below the top the portfolio is the Azure DevOps project', () => {
    expect(areaKey('Fabrikam\\Payments\\API', 2)).toBe('Fabrikam\\Payments');
    expect(areaKey('Fabrikam', 2)).toBe('Fabrikam');
    expect(mapAdoProject('ado', 'Fabrikam\\Payments', ['Payments', 'Fabrikam Team'])).toEqual({
      id: 'ado:Fabrikam\\Payments', source: 'ado', sourceId: 'Fabrikam\\Payments', key: 'Fabrikam\\Payments', name: 'Payments', portfolio: 'Fabrikam', tags: ['Payments'],
    });
    expect(mapAdoProject('ado', 'Fabrikam').portfolio).toBeUndefined();
  });
});

describe('the PM field on work items', () => {
  it('keeps the configured identity field on each task; the most common value becomes the PM candidate', () => {
    const ben = { id: 'b2b2b2b2-0000-0000-0000-000000000002', displayName: 'Ben Okafor', uniqueName: 'ben@fabrikam.example' };
    const withPm = (id: number) => revisionsOf(id).map((revision) => ({ ...revision, fields: { ...revision.fields, 'Custom.ProjectManager': ben } }));
    const pmView = { ...view(2), pmField: 'Custom.ProjectManager' };
    const tasks = [mapWorkItem(pmView, withPm(101)).task, mapWorkItem(pmView, withPm(102)).task];
    expect(tasks.map((task) => task.pmFieldId)).toEqual([`ado:${ben.id}`, `ado:${ben.id}`]);
    const tally = new FieldVoteTally();
    tally.addTasks(tasks);
    const [owned] = applyProjectRules([mapAdoProject('ado', 'Fabrikam\\Payments')], [], { votes: tally.votes });
    expect(owned).toMatchObject({ pmId: `ado:${ben.id}`, pmFrom: 'fields.pm', portfolio: 'Fabrikam' });
  });
});
