import { describe, expect, it } from 'vitest';
import { mapJiraIssue } from '../../functions/connectors/jira/map.ts';
import { JiraIssueSchema, type JiraField } from '../../functions/connectors/jira/schema.ts';
import { storyPointsFields, storyPointsOf } from '../../functions/connectors/jira/story-points.ts';

/** A site with both kinds of project: company-managed "Story Points", team-managed "Story point estimate". */
const site: JiraField[] = [
  { id: 'summary', name: 'Summary', custom: false },
  { id: 'customfield_10036', name: 'Story point estimate', custom: true },
  { id: 'customfield_10020', name: 'Sprint', custom: true },
  { id: 'customfield_10016', name: 'Story Points', custom: true },
];
const key = 'sources.jira.storyPointsField';

describe('story-point fields of a Jira site', () => {
  it('discovers both Jira names by default, "Story Points" first', () => {
    expect(storyPointsFields(site, undefined, key)).toEqual(['customfield_10016', 'customfield_10036']);
  });

  it('finds none on a site without either field, without an error', () => {
    expect(storyPointsFields(site.filter((field) => !field.name.startsWith('Story')), undefined, key)).toEqual([]);
  });

  it('takes configured fields by id or by name, in the order given, each once', () => {
    expect(storyPointsFields(site, 'customfield_10036', key)).toEqual(['customfield_10036']);
    expect(storyPointsFields(site, ['story point estimate', 'customfield_10016', 'Story Points'], key)).toEqual(['customfield_10036', 'customfield_10016']);
  });

  it('names the key of a configured field the site does not have', () => {
    expect(() => storyPointsFields(site, 'Points', key)).toThrow('sources.jira.storyPointsField: no field has the id or name "Points"; similar: "Story Points" (customfield_10016)');
    expect(() => storyPointsFields(site, ['customfield_10016', 'customfield_99'], key)).toThrow('sources.jira.storyPointsField[1]: no field has the id or name "customfield_99"');
  });

  it('reads whichever field an issue carries; a null, negative or absent value is no points', () => {
    const ids = ['customfield_10016', 'customfield_10036'];
    expect(storyPointsOf({ customfield_10016: 5 }, ids)).toBe(5);
    expect(storyPointsOf({ customfield_10036: 3 }, ids)).toBe(3);
    expect(storyPointsOf({ customfield_10016: null, customfield_10036: 0.5 }, ids)).toBe(0.5);
    expect(storyPointsOf({ customfield_10016: 8, customfield_10036: 3 }, ids)).toBe(8);
    expect(storyPointsOf({ customfield_10016: -1 }, ids)).toBeUndefined();
    expect(storyPointsOf({ customfield_10016: '5' }, ids)).toBeUndefined();
    expect(storyPointsOf({}, ids)).toBeUndefined();
  });

  it('maps a team-managed issue’s "Story point estimate" onto the task', () => {
    const issue = JiraIssueSchema.parse({
      id: '1', key: 'TM-1',
      fields: {
        summary: 'x', project: { id: '9' }, status: { name: 'To Do', statusCategory: { key: 'new' } },
        created: '2026-03-01T10:00:00.000+0000', updated: '2026-03-01T10:00:00.000+0000', customfield_10036: 13,
      },
    });
    expect(mapJiraIssue('jira', issue, ['customfield_10016', 'customfield_10036']).storyPoints).toBe(13);
    expect(mapJiraIssue('jira', issue, ['customfield_10016']).storyPoints).toBeUndefined();
  });
});
