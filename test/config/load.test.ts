import { describe, expect, it } from 'vitest';
import { parseConfig, ConfigError } from '../../functions/config/index.ts';

describe('parseConfig', () => {
  it('fills defaults for an empty config', () => {
    const config = parseConfig({});
    expect(config.store).toEqual({ type: 'embedded', dir: '.pmpulse/db', table: 'pmpulse' });
    expect(config.reports).toEqual({ type: 'dir', dir: '.pmpulse/reports' });
  });

  it('names every bad key with its path', () => {
    const attempt = () =>
      parseConfig({
        sources: [{ type: 'jira', name: 'j', baseUrl: 'not a url', email: 'a@b.c', tokenEnv: 'JIRA_TOKEN' }],
        themes: [{ id: 'growth', name: 'Growth', target: 1.5, match: {} }],
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('sources[0].baseUrl');
      expect(problems).toContain('themes[0].target');
    }
  });

  it('rejects unknown top-level keys and duplicate source names', () => {
    const source = { type: 'asana', name: 'a', tokenEnv: 'ASANA_TOKEN' };
    expect(() => parseConfig({ sorces: [] })).toThrow(/sorces/);
    expect(() => parseConfig({ sources: [source, source] })).toThrow(/sources\[1\]\.name: duplicate/);
  });
});
