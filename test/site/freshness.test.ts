import { describe, expect, it } from 'vitest';
import { freshness } from '../../site/src/lib/freshness.ts';

describe('freshness', () => {
  const now = new Date('2025-11-26T12:00:00Z');

  it('is fresh up to 48 hours after generation', () => {
    expect(freshness('2025-11-24T12:00:01Z', now)).toEqual({ stale: false, ageHours: 47 });
  });

  it('is stale from 48 hours on', () => {
    expect(freshness('2025-11-24T12:00:00Z', now)).toEqual({ stale: true, ageHours: 48 });
  });

  it('treats an unreadable timestamp as stale', () => {
    expect(freshness('yesterday-ish', now)).toEqual({ stale: true, ageHours: null });
  });
});
