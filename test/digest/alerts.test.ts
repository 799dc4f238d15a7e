import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../functions/config/alerts.ts';
import { alertDigest, evaluateAlerts, firingSubjects, type RuleOutcome } from '../../functions/digest/alerts/index.ts';
import { renderText } from '../../functions/digest/index.ts';
import { MAIL_ITEMS_PER_SECTION } from '../../functions/digest/render/shown.ts';
import type { PublishedSnapshot } from '../../functions/digest/model.ts';
import { AlertStateTable } from '../../functions/store/alert-state.ts';
import { startHarness, type Harness } from '../store/helpers.ts';
import { fixtureDocs, validated } from './pair.ts';

/**
 * The four rules on the fixture snapshot with jira-cloud last synced 2025-11-21T05:00Z (as in
 * pair.ts), and what each must fire, read off the fixture's documents by hand:
 *
 * projectOffTrack: projects.json has asana:1201 and asana:1202 off track (jira:PAY and jira:DATA
 *   are at risk, the rest on track or not reported).
 * portfolioGapAbove 0.2: alignment.json gap scores Platform 0.18, Growth & Payments 0.22.
 * forecastBelow 0.5: forecasts.json projects asana:1201 0, jira:ENG 0.0035, asana:1204 0.1015,
 *   jira:OPS 0 are below; jira:PAY 0.984 is not; asana:1202 has no due date (null), jira:DATA is
 *   done, asana:1203 has too little history. Portfolios: Growth & Payments 0.4165 below, (none)
 *   0.8385 and Platform 0.9945 not.
 * sourceStale 48 h: quality.json generated 2025-11-24T06:00Z; jira-cloud 73 h before, asana
 *   (2025-11-22T23:10Z) 30 h 50 min before.
 */
const RULES: AlertRule[] = [
  { kind: 'projectOffTrack' },
  { kind: 'portfolioGapAbove', value: 0.2 },
  { kind: 'forecastBelow', value: 0.5 },
  { kind: 'sourceStale', hours: 48 },
];
const EXPECTED: Record<string, string[]> = {
  projectOffTrack: ['asana:1201', 'asana:1202'],
  'portfolioGapAbove:0.2': ['Growth & Payments'],
  'forecastBelow:0.5': ['portfolio:Growth & Payments', 'project:asana:1201', 'project:asana:1204', 'project:jira:ENG', 'project:jira:OPS'],
  'sourceStale:48': ['jira-cloud'],
};
const TOTAL = Object.values(EXPECTED).flat().length;

async function rawSnapshot(): Promise<Record<string, any>> {
  const raw = await fixtureDocs();
  raw['quality.json'].sources.find((s: any) => s.name === 'jira-cloud').lastSyncAt = '2025-11-21T05:00:00Z';
  return raw;
}
const snapshotOf = (raw: Record<string, any>, id = 'now'): PublishedSnapshot => ({ id, documents: validated(raw) });

/** Fired subjects per rule id, rules that fired nothing left out. */
const firedByRule = (outcomes: RuleOutcome[]): Record<string, string[]> =>
  Object.fromEntries(outcomes.filter((o) => o.fired.length).map((o) => [o.id, o.fired.map((f) => f.subject)]));
const firedTotal = (outcomes: RuleOutcome[]): number => outcomes.reduce((n, o) => n + o.fired.length, 0);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => harness?.stop());

async function freshStates(): Promise<AlertStateTable> {
  return AlertStateTable.of(await harness.freshStore())!;
}

describe('alert rules on a snapshot', () => {
  it('the fixture says what the hand derivation read from it', async () => {
    const raw = await rawSnapshot();
    const health = Object.fromEntries(raw['projects.json'].projects.map((p: any) => [p.id, p.health]));
    expect(Object.keys(health).filter((id) => health[id] === 'off_track').sort()).toEqual(EXPECTED.projectOffTrack);
    expect(raw['alignment.json'].portfolios.map((p: any) => [p.name, p.gapScore])).toEqual([['Platform', 0.18], ['Growth & Payments', 0.22]]);
    expect(raw['quality.json'].generatedAt).toBe('2025-11-24T06:00:00Z');
  });

  it('fire exactly once across two runs on the same snapshot', async () => {
    const states = await freshStates();
    const snapshot = snapshotOf(await rawSnapshot());
    const first = await evaluateAlerts(RULES, snapshot, states);
    expect(firedByRule(first)).toEqual(EXPECTED);
    const offTrack = first[0]!.fired.find((f) => f.subject === 'asana:1201')!.item;
    expect(offTrack.path).toMatch(/^\/project\/asana-1201-[0-9a-z]+\/$/);
    expect(first[3]!.fired[0]!.item.detail).toBe('not synced for 73 h (limit 48 h)');
    expect(first[2]!.fired.find((f) => f.subject === 'portfolio:Growth & Payments')!.item.detail).toBe('42 % chance to finish by 2026-01-07, below 50 %');
    const second = await evaluateAlerts(RULES, snapshot, states);
    expect(firedTotal(second)).toBe(0);
    expect(second.every((o) => o.cleared.length === 0)).toBe(true);
  }, 60_000);

  it('a dry run answers what would fire and records nothing', async () => {
    const states = await freshStates();
    const snapshot = snapshotOf(await rawSnapshot());
    expect(firedByRule(await evaluateAlerts(RULES, snapshot, states, { dryRun: true }))).toEqual(EXPECTED);
    expect(firedByRule(await evaluateAlerts(RULES, snapshot, states))).toEqual(EXPECTED);
  }, 60_000);

  it('a subject that recovers is cleared, and fires again when it turns bad again', async () => {
    const states = await freshStates();
    const raw = await rawSnapshot();
    await evaluateAlerts(RULES, snapshotOf(raw), states);

    raw['projects.json'].projects.find((p: any) => p.id === 'asana:1201').health = 'at_risk';
    raw['quality.json'].sources.find((s: any) => s.name === 'jira-cloud').lastSyncAt = '2025-11-24T05:00:00Z';
    const recovered = await evaluateAlerts(RULES, snapshotOf(raw), states);
    expect(firedTotal(recovered)).toBe(0);
    expect(Object.fromEntries(recovered.filter((o) => o.cleared.length).map((o) => [o.id, o.cleared]))).toEqual({ projectOffTrack: ['asana:1201'], 'sourceStale:48': ['jira-cloud'] });

    raw['projects.json'].projects.find((p: any) => p.id === 'asana:1201').health = 'off_track';
    raw['quality.json'].sources.find((s: any) => s.name === 'jira-cloud').lastSyncAt = '2025-11-20T06:00:00Z';
    const again = await evaluateAlerts(RULES, snapshotOf(raw), states);
    expect(firedByRule(again)).toEqual({ projectOffTrack: ['asana:1201'], 'sourceStale:48': ['jira-cloud'] });
    expect(again[3]!.fired[0]!.item.detail).toBe('not synced for 96 h (limit 48 h)');
  }, 60_000);

  it('record before announce (at most once): a crash before recording leaves the state, the rerun fires what the crashed run would have', async () => {
    const states = await freshStates();
    const snapshot = snapshotOf(await rawSnapshot());
    const crash = (at: string) => (id: string) => {
      if (id === at) throw new Error(`crashed before recording ${id}`);
    };
    // Stops before recording the first rule: nothing recorded, nothing announced.
    await expect(evaluateAlerts(RULES, snapshot, states, { beforeRecord: crash('projectOffTrack') })).rejects.toThrow('crashed before recording projectOffTrack');
    expect(firedByRule(await evaluateAlerts(RULES, snapshot, states))).toEqual(EXPECTED);
    expect(firedTotal(await evaluateAlerts(RULES, snapshot, states))).toBe(0);

    // Stops after recording the first two rules: those two are taken as announced (the crashed run
    // never announced them: the price of at most once), the rerun fires the other two, then nothing.
    const other = await freshStates();
    await expect(evaluateAlerts(RULES, snapshot, other, { beforeRecord: crash('forecastBelow:0.5') })).rejects.toThrow();
    const rerun = await evaluateAlerts(RULES, snapshot, other);
    expect(firedByRule(rerun)).toEqual({ 'forecastBelow:0.5': EXPECTED['forecastBelow:0.5'], 'sourceStale:48': EXPECTED['sourceStale:48'] });
    expect(firedTotal(await evaluateAlerts(RULES, snapshot, other))).toBe(0);
  }, 60_000);

  it('two concurrent runs that both read the empty state fire each alert once in total', async () => {
    const table = await harness.freshStore();
    const snapshot = snapshotOf(await rawSnapshot());
    // Both runs read a rule's state, then wait for each other before writing: the race at its worst.
    const arrived = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    const barrier = async (id: string) => {
      const n = (arrived.get(id) ?? 0) + 1;
      arrived.set(id, n);
      if (n === 1) await new Promise<void>((resolve) => waiting.set(id, resolve));
      else if (n === 2) waiting.get(id)!();
    };
    const runs = await Promise.all([
      evaluateAlerts(RULES, snapshot, AlertStateTable.of(table)!, { beforeRecord: barrier }),
      evaluateAlerts(RULES, snapshot, AlertStateTable.of(table)!, { beforeRecord: barrier }),
    ]);
    expect([...arrived.values()].every((n) => n === 2)).toBe(true);
    expect(firedTotal(runs[0]!) + firedTotal(runs[1]!)).toBe(TOTAL);
    for (const id of Object.keys(EXPECTED)) {
      const fired = runs.flatMap((outcomes) => outcomes.find((o) => o.id === id)!.fired.map((f) => f.subject)).sort();
      expect(fired).toEqual(EXPECTED[id]);
    }
    expect(firedTotal(await evaluateAlerts(RULES, snapshot, AlertStateTable.of(table)!))).toBe(0);
  }, 60_000);
});

describe('what a rule counts as firing', () => {
  it('a source that never synced is stale under any limit', async () => {
    const raw = await rawSnapshot();
    raw['quality.json'].sources.find((s: any) => s.name === 'asana').lastSyncAt = null;
    const fired = firingSubjects({ kind: 'sourceStale', hours: 1000 }, validated(raw));
    expect([...fired.keys()]).toEqual(['asana']);
    expect(fired.get('asana')!.detail).toBe('never synced');
  });

  it('a gap equal to the value is not above it', async () => {
    expect([...firingSubjects({ kind: 'portfolioGapAbove', value: 0.22 }, validated(await rawSnapshot())).keys()]).toEqual([]);
    expect([...firingSubjects({ kind: 'portfolioGapAbove', value: 0.17 }, validated(await rawSnapshot())).keys()]).toEqual(['Platform', 'Growth & Payments']);
  });

  it('every alert that fired is in the text, however many: a rule past one section goes on in the next', () => {
    const fired = Array.from({ length: MAIL_ITEMS_PER_SECTION + 3 }, (_, n) => ({ subject: `p${n}`, item: { title: `Project ${n}`, detail: 'off track', path: `/project/p${n}/`, tone: 'bad' as const } }));
    const text = renderText(alertDigest([{ rule: { kind: 'projectOffTrack' }, id: 'projectOffTrack', fired, cleared: [] }], '2025-11-23'), undefined);
    expect(text.split('\n').filter((line) => line.startsWith('* Project ')).length).toBe(MAIL_ITEMS_PER_SECTION + 3);
    expect(text).not.toContain('more on the site');
    expect(text).toContain('Projects now off track (2 of 2)');
  });
});
