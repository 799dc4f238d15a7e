import { describe, expect, it } from 'vitest';
import { asanaFieldRefs, findCustomField } from '../../functions/connectors/asana/custom-fields.ts';
import { mapAsanaProject, mapAsanaTask } from '../../functions/connectors/asana/map.ts';
import { AsanaProjectSchema, AsanaTaskSchema } from '../../functions/connectors/asana/schema.ts';
import { applyJiraFields, jiraFieldIdsToRead } from '../../functions/connectors/jira/custom-fields.ts';
import { mapJiraIssue } from '../../functions/connectors/jira/map.ts';
import { JiraIssueSchema } from '../../functions/connectors/jira/schema.ts';

/** The fields a source names in `fields`, read from Jira issues and Asana records as the APIs send them. */

const issue = (fields: Record<string, unknown>) =>
  JiraIssueSchema.parse({
    id: '10001', key: 'PAY-1',
    fields: {
      summary: 's', project: { id: '100' }, status: { name: 'To Do', statusCategory: { key: 'new' } },
      created: '2026-03-02T09:15:00.000+0000', updated: '2026-03-02T09:15:00.000+0000', labels: ['growth'], timeoriginalestimate: 7200, ...fields,
    },
  });

describe('Jira custom fields', () => {
  const ids = { pm: 'customfield_10050', theme: 'customfield_10070', estimate: 'customfield_10080' };

  it('asks the search for every named field', () => {
    expect(jiraFieldIdsToRead(ids)).toEqual(['customfield_10050', 'customfield_10070', 'customfield_10080']);
    expect(jiraFieldIdsToRead({ pm: 'customfield_10050' })).toEqual(['customfield_10050']);
  });

  it('keeps the user picker as the PM field, select values as tags and the estimate field in hours', () => {
    const raw = issue({
      customfield_10050: { accountId: 'acc-ana', displayName: 'Ana Silva', active: true },
      customfield_10070: [{ value: 'Platform', id: '1' }, { value: 'growth' }],
      customfield_10080: 5.5,
    });
    const task = mapJiraIssue('jira', raw);
    const person = applyJiraFields('jira', task, raw, ids);
    expect(task.pmFieldId).toBe('jira:acc-ana');
    expect(person).toEqual({ id: 'jira:acc-ana', source: 'jira', sourceId: 'acc-ana', name: 'Ana Silva' });
    // "growth" was a label already: tags stay unique.
    expect(task.tags).toEqual(['growth', 'Platform']);
    expect(task.estimateHours).toBe(5.5);
  });

  it('takes the first user of a multi-user picker, and leaves empty fields alone', () => {
    const multi = issue({ customfield_10050: [{ accountId: 'acc-bo', displayName: 'Bo' }, { accountId: 'acc-cy' }] });
    const task = mapJiraIssue('jira', multi);
    applyJiraFields('jira', task, multi, ids);
    expect(task.pmFieldId).toBe('jira:acc-bo');
    const empty = issue({ customfield_10050: null, customfield_10070: null, customfield_10080: null });
    const bare = mapJiraIssue('jira', empty);
    expect(applyJiraFields('jira', bare, empty, ids)).toBeUndefined();
    expect(bare.pmFieldId).toBeUndefined();
    expect(bare.tags).toEqual(['growth']);
    expect(bare.estimateHours).toBe(2);
  });
});

describe('Asana custom fields', () => {
  const fields = [
    { gid: '11', name: 'Theme', resource_subtype: 'enum', enum_value: { name: 'Growth' } },
    { gid: '12', name: 'Effort', resource_subtype: 'number', number_value: 3 },
    { gid: '13', name: 'Project Manager', resource_subtype: 'people', people_value: [{ gid: '900', name: 'Ana Silva' }] },
  ];

  it('finds a field by gid first, then by name in any case', () => {
    expect(findCustomField(fields, '12', 'k')?.name).toBe('Effort');
    expect(findCustomField(fields, 'project manager', 'k')?.gid).toBe('13');
    expect(findCustomField(fields, 'Absent', 'k')).toBeUndefined();
  });

  it('refuses a name two of a record\'s fields share, naming the key', () => {
    expect(() => findCustomField([...fields, { gid: '14', name: 'theme' }], 'Theme', 'sources.asana.fields.theme')).toThrow(
      'sources.asana.fields.theme: "Theme" names 2 custom fields (11, 14); give the gid instead',
    );
  });

  it('maps the people field as the PM field and reads estimate and theme by the configured references', () => {
    const refs = asanaFieldRefs('asana', { pm: 'Project Manager', estimate: '12', theme: 'THEME' });
    const project = mapAsanaProject('asana', AsanaProjectSchema.parse({ gid: '500', name: 'P', owner: { gid: '901' }, custom_fields: fields }), 'Growth', refs);
    expect(project).toMatchObject({ pmId: 'asana:901', pmFieldId: 'asana:900', tags: ['Growth'] });
    const task = mapAsanaTask(
      'asana',
      AsanaTaskSchema.parse({ gid: '700', name: 't', completed: false, created_at: '2026-03-02T09:15:00.000Z', modified_at: '2026-03-02T09:15:00.000Z', custom_fields: fields }),
      '500',
      refs,
    );
    expect(task.estimateHours).toBe(3);
    expect(task.tags).toEqual(['Growth']);
  });
});
