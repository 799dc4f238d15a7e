import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/config/index.ts';
import { loadRuntimeConfig } from '../../functions/handlers/runtime-config.ts';

describe('loadRuntimeConfig', () => {
  it('reads the JSON config from PMPULSE_CONFIG', () => {
    // Prepare
    const env = { PMPULSE_CONFIG: JSON.stringify({ reports: { type: 'dir', dir: '/tmp/r' } }) };

    // Act
    const config = loadRuntimeConfig(env);

    // Assess
    expect(config.reports).toEqual({ type: 'dir', dir: '/tmp/r' });
    expect(config.store.type).toBe('embedded');
  });

  it('puts the stack table and bucket in place of store and reports', () => {
    const env = {
      PMPULSE_CONFIG: JSON.stringify({ store: { type: 'embedded', dir: '/tmp/db' }, themes: [] }),
      PMPULSE_TABLE: 'pmpulse-prod-table',
      PMPULSE_REPORTS_BUCKET: 'pmpulse-prod-reports',
    };

    const config = loadRuntimeConfig(env);

    expect(config.store).toEqual({ type: 'dynamodb', table: 'pmpulse-prod-table' });
    expect(config.reports).toEqual({ type: 's3', bucket: 'pmpulse-prod-reports', prefix: '' });
  });

  it('names the bad key of an invalid config', () => {
    const env = { PMPULSE_CONFIG: JSON.stringify({ themes: [{ id: 'growth', name: 'Growth', target: 2, match: {} }] }) };

    expect(() => loadRuntimeConfig(env)).toThrow(ConfigError);
    expect(() => loadRuntimeConfig(env)).toThrow(/PMPULSE_CONFIG: themes\[0\]\.target/);
  });

  it('says so when the variable is missing or not JSON', () => {
    expect(() => loadRuntimeConfig({})).toThrow(/PMPULSE_CONFIG: environment variable is not set/);
    expect(() => loadRuntimeConfig({ PMPULSE_CONFIG: '{store:' })).toThrow(/PMPULSE_CONFIG: not valid JSON/);
    expect(() => loadRuntimeConfig({ PMPULSE_CONFIG: '[]' })).toThrow(/must be a JSON object/);
  });
});
