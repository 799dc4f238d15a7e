import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../functions/config/index.ts';

describe('kpi.timeZone', () => {
  it('accepts an IANA zone name', () => {
    expect(parseConfig({ kpi: { timeZone: 'America/New_York' } }).kpi?.timeZone).toBe('America/New_York');
  });

  it('rejects an unknown zone or a bare offset as a config error naming the key', () => {
    for (const timeZone of ['Mars/Olympus_Mons', '+05:30', '']) {
      expect(() => parseConfig({ kpi: { timeZone } })).toThrow(ConfigError);
      expect(() => parseConfig({ kpi: { timeZone } })).toThrow(/kpi\.timeZone: an IANA time zone name/);
    }
  });
});
