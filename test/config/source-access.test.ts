import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';

/** The Jira auth keys and the Asana portfolio list: accepted when well formed, named when not. */

const jira = { type: 'jira', name: 'j', baseUrl: 'https://acme.atlassian.net', email: 'a@b.c', tokenEnv: 'JIRA_TOKEN' };
const asana = { type: 'asana', name: 'a', tokenEnv: 'ASANA_TOKEN' };

describe('source access config', () => {
  it('accepts a scoped Jira token with or without a cloud id, and Asana portfolio gids', () => {
    const config = parseConfig({ sources: [{ ...jira, auth: 'scoped' }, { ...jira, name: 'k', auth: 'scoped', cloudId: '1324a887-45db-1bf4-1e99-ef0ff456d421' }, { ...asana, portfolios: ['1201', '1202'] }] });
    expect(config.sources[0]).toMatchObject({ auth: 'scoped' });
    expect(config.sources[1]).toMatchObject({ cloudId: '1324a887-45db-1bf4-1e99-ef0ff456d421' });
    expect(config.sources[2]).toMatchObject({ portfolios: ['1201', '1202'] });
  });

  it('leaves the classic token the default: no auth key is needed', () => {
    expect(parseConfig({ sources: [jira] }).sources[0]).not.toHaveProperty('auth');
  });

  it('names the bad key', () => {
    expect(() => parseConfig({ sources: [{ ...jira, auth: 'oauth' }] })).toThrow(/sources\[0\]\.auth/);
    expect(() => parseConfig({ sources: [{ ...jira, cloudId: 'a b' }] })).toThrow(/sources\[0\]\.cloudId/);
    expect(() => parseConfig({ sources: [{ ...asana, portfolios: ['my portfolio'] }] })).toThrow(/sources\[0\]\.portfolios\[0\]/);
    expect(() => parseConfig({ sources: [{ ...asana, portfolios: [] }] })).toThrow(/sources\[0\]\.portfolios/);
  });
});
