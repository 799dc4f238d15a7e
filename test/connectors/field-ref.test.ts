import { describe, expect, it } from 'vitest';
import { FieldRefError, resolveFieldRef } from '../../functions/connectors/kit/field-ref.ts';
import { resolveJiraFields } from '../../functions/connectors/jira/field-ref.ts';
import { parseJiraFields } from '../../functions/connectors/jira/story-points.ts';

const fields = [
  { id: 'summary', name: 'Summary' },
  { id: 'customfield_10016', name: 'Story Points' },
  { id: 'customfield_10050', name: 'Project Manager' },
  { id: 'customfield_10060', name: 'Team' },
  { id: 'customfield_10061', name: 'team' },
];

describe('resolveFieldRef', () => {
  it('takes an exact id first', () => {
    expect(resolveFieldRef('customfield_10050', fields, 'k')).toBe('customfield_10050');
  });

  it('finds a field by its name, whatever the case and surrounding spaces', () => {
    expect(resolveFieldRef('  project manager ', fields, 'k')).toBe('customfield_10050');
  });

  it('refuses a name that several fields share, listing their ids', () => {
    const error = catchError(() => resolveFieldRef('Team', fields, 'sources[0].fields.theme'));
    expect(error).toBeInstanceOf(FieldRefError);
    expect(error.message).toBe('sources[0].fields.theme: "Team" names 2 fields (customfield_10060, customfield_10061); give the id instead');
  });

  it('refuses a name no field has, suggesting similar names', () => {
    const error = catchError(() => resolveFieldRef('Manager', fields, 'sources[0].fields.pm'));
    expect(error.message).toBe('sources[0].fields.pm: no field has the id or name "Manager"; similar: "Project Manager" (customfield_10050)');
  });
});

describe('resolveJiraFields', () => {
  it('resolves every set reference from a raw /field answer and skips malformed entries', () => {
    const infos = parseJiraFields([...fields, { id: 'x' }, 'junk']);
    expect(infos).toHaveLength(fields.length);
    expect(resolveJiraFields({ pm: 'Project Manager', theme: undefined, estimate: 'customfield_10016' }, infos, 'sources[1].fields')).toEqual({
      pm: 'customfield_10050',
      estimate: 'customfield_10016',
    });
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
