import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { syncJql } from '../../functions/connectors/jira/jql.ts';
import { ConnectorError, HttpError, isConnectorError, isHttpError, isRateLimitError } from '../../functions/connectors/kit/errors.ts';
import { mapOrQuarantine } from '../../functions/connectors/kit/quarantine.ts';
import { backoffDelay, parseRetryAfter } from '../../functions/connectors/kit/retry-policy.ts';
import { createPeopleLedger } from '../../functions/connectors/kit/people.ts';
import { connectorFor, connectors } from '../../functions/connectors/registry.ts';
import { fixedNow } from './fixtures.ts';

describe('syncJql', () => {
  it('reads everything without a cursor and an overlap of 5 minutes with one', () => {
    expect(syncJql(undefined, undefined)).toBe('updated >= 0 ORDER BY updated ASC');
    expect(syncJql(undefined, 1_000_000)).toBe('updated >= 700000 ORDER BY updated ASC');
    expect(syncJql(undefined, 1000)).toBe('updated >= 0 ORDER BY updated ASC');
  });

  it('groups a configured filter that uses OR, and drops its ORDER BY', () => {
    expect(syncJql('project = A OR project = B order by created DESC', 0)).toBe('(project = A OR project = B) AND updated >= 0 ORDER BY updated ASC');
    expect(syncJql('project in (ORANGE)', undefined)).toBe('project in (ORANGE) AND updated >= 0 ORDER BY updated ASC');
  });
});

describe('retry policy', () => {
  it('doubles the backoff ceiling per attempt up to the maximum, scaled by the jitter', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options))).toEqual([99, 199, 399, 799, 999]);
  });

  it('reads Retry-After as seconds or as a date, and ignores nonsense', () => {
    const now = new Date('2026-03-02T09:00:00.000Z');
    expect(parseRetryAfter('2.5', now)).toBe(2500);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('errors', () => {
  it('are told apart by their guards and carry source, request and status', () => {
    const error = new HttpError({ source: 'asana-main', request: 'GET https://x/api', status: 500, attempts: 3 });
    expect(isConnectorError(error) && isHttpError(error) && !isRateLimitError(error)).toBe(true);
    expect(error).toBeInstanceOf(ConnectorError);
    expect([error.name, error.source, error.request, error.status]).toEqual(['HttpError', 'asana-main', 'GET https://x/api', 500]);
    expect(error.message).toBe('asana-main: GET https://x/api answered 500 Internal Server Error after 3 attempts');
  });
});

describe('mapOrQuarantine', () => {
  const schema = z.object({ gid: z.string(), hours: z.number() });
  const context = { source: 'asana-main', now: fixedNow };

  it('maps a valid record', () => {
    expect(mapOrQuarantine(context, 'timeEntry', schema, { gid: '1', hours: 2 }, (entry) => entry.hours * 60)).toEqual({ ok: true, value: 120 });
  });

  it('quarantines an invalid record with its id and the paths of the issues', () => {
    const raw = { gid: '77', hours: 'two' };
    const result = mapOrQuarantine(context, 'timeEntry', schema, raw, () => 0);
    expect(result).toEqual({
      ok: false,
      entry: { source: 'asana-main', kind: 'timeEntry', recordId: '77', reason: 'hours: Invalid input: expected number, received string', raw, at: '2026-03-05T12:00:00.000Z' },
    });
  });

  it('quarantines a record whose mapping throws', () => {
    const result = mapOrQuarantine(context, 'task', schema, { gid: '5', hours: 1 }, () => {
      throw new Error('no project');
    });
    expect(result.ok ? undefined : result.entry.reason).toBe('cannot map: no project');
  });
});

describe('people ledger', () => {
  it('admits a person once, and again only when an email turns up', () => {
    const ledger = createPeopleLedger();
    const bare = { id: 's:1', source: 's', sourceId: '1', name: 'Ann' };
    expect(ledger.admit([bare, bare])).toEqual([bare]);
    expect(ledger.admit([bare])).toEqual([]);
    expect(ledger.admit([{ ...bare, email: 'ann@x.example' }])).toEqual([{ ...bare, email: 'ann@x.example' }]);
    expect(ledger.admit([bare])).toEqual([]);
  });
});

describe('connector registry', () => {
  it('has a connector per source type and finds it by config', () => {
    expect(Object.keys(connectors).sort()).toEqual(['asana', 'azure-devops', 'csv', 'jira', 'linear']);
    expect(connectorFor({ type: 'asana', name: 'a', baseUrl: 'https://app.asana.com/api/1.0', tokenEnv: 'T' }).type).toBe('asana');
    expect(connectorFor({ type: 'jira', name: 'j', baseUrl: 'https://x.atlassian.net', email: 'a@b.c', tokenEnv: 'T' }).type).toBe('jira');
  });
});
