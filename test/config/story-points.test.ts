import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../functions/config/index.ts';

const jira = { type: 'jira', name: 'jira', baseUrl: 'https://acme.atlassian.net', email: 'a@b.c', tokenEnv: 'T' };

function problems(config: unknown): string {
  try {
    parseConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

describe('story-point config', () => {
  it('takes a Jira story-points field by id or name, or several', () => {
    const one = parseConfig({ sources: [{ ...jira, storyPointsField: 'customfield_10016' }] });
    const two = parseConfig({ sources: [{ ...jira, storyPointsField: ['Story Points', 'Story point estimate'] }] });
    expect(one.sources[0]).toMatchObject({ storyPointsField: 'customfield_10016' });
    expect(two.sources[0]).toMatchObject({ storyPointsField: ['Story Points', 'Story point estimate'] });
  });

  it('names the key of an empty field reference or list', () => {
    expect(problems({ sources: [{ ...jira, storyPointsField: [] }] })).toContain('sources[0].storyPointsField');
    expect(problems({ sources: [{ ...jira, storyPointsField: ['Story Points', ' '] }] })).toContain('sources[0].storyPointsField[1]');
  });

  it('takes an Asana story-points field by gid or name', () => {
    const config = parseConfig({ sources: [{ type: 'asana', name: 'asana', tokenEnv: 'T', storyPointsField: 'Effort' }] });
    expect(config.sources[0]).toMatchObject({ storyPointsField: 'Effort' });
  });

  it('takes kpi.unit items or points, and names the key of anything else', () => {
    expect(parseConfig({ kpi: { unit: 'points' } }).kpi?.unit).toBe('points');
    expect(parseConfig({}).kpi?.unit).toBeUndefined();
    expect(problems({ kpi: { unit: 'hours' } })).toContain('kpi.unit');
  });
});
