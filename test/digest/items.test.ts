import { describe, expect, it } from 'vitest';
import { buildDigest, type Digest } from '../../functions/digest/index.ts';
import { handMadePair, SETTINGS } from './pair.ts';

const { pair } = await handMadePair();
const brief = (digest: Digest) => digest.sections.map((s) => ({ heading: s.heading, items: s.items.map((i) => [i.title, i.path, i.tone]) }));
const details = (digest: Digest, heading: string) => digest.sections.find((s) => s.heading.startsWith(heading))!.items.map((i) => i.detail);

/** Each expected list below is read off the differences handMadePair lists, one by one. */
describe('what the leadership digest says', () => {
  const digest = buildDigest(pair, { kind: 'leadership' }, SETTINGS);

  it('lists the delivery and cost KPIs that crossed a limit, the bad news first, and nothing from other areas', () => {
    // Grace's on-time ratio went within → worse; Ada's SPI worse → within. Ada's cycle time (flow) is not delivery.
    expect(brief(digest)[0]).toEqual({
      heading: 'Delivery and cost beyond noise',
      items: [
        ['Grace Hopper: On-time delivery', '/pm/pm-grace/', 'bad'],
        ['Ada Lovelace: Schedule performance', '/pm/pm-ada/', 'good'],
      ],
    });
    expect(details(digest, 'Delivery')).toEqual([
      // The company figures are the published targets: 0.7615 and 0.978, rounded.
      '70 % → 60 %, now beyond the company’s noise limit on the bad side (company 76 %)',
      '0.85 → 1.04, back within the company’s noise limits (was on the bad side) (company 0.98)',
    ]);
  });

  it('lists what turned at risk or off track, not what stayed so', () => {
    // Platform on → at risk; Payments v3 on → at risk; Checkout at risk → off track. Growth & Payments, Launch and Data platform stayed.
    expect(brief(digest)[1]!.items).toEqual([
      ['Portfolio Platform', '/portfolio/Platform/', 'bad'],
      ['Checkout experiments', '/project/asana-1201-1fpuvjx/', 'bad'],
      ['Payments v3', '/project/jira-pay-0uis1wd/', 'bad'],
    ]);
    expect(details(digest, 'Turned')[1]).toBe('off track (was at risk): CPI 0.76 < 0.8');
  });

  it('lists forecasts that fell below 50 %, not those already below', () => {
    // Growth & Payments 55 % → 41.65 %; Ops automation unknown → 0 %; Engine rewrite 60 % → 0.35 %. Checkout was 20 % already; Lab onboarding 10 % both times.
    expect(brief(digest)[2]!.items).toEqual([
      ['Portfolio Growth & Payments', '/forecasts/', 'bad'],
      ['Ops automation', '/forecasts/', 'bad'],
      ['Engine rewrite', '/forecasts/', 'bad'],
    ]);
    expect(details(digest, 'Forecasts')[2]).toBe('0 % chance to finish by 2026-01-22 (was 60 %); 85 % likely done by ' + pair.current.documents['forecasts.json'].projects.find((f) => f.id === 'jira:ENG')!.p85);
  });

  it('lists the failing source and the one not synced for 48 hours or more', () => {
    // asana: ok false. jira-cloud: 2025-11-21T05:00 to 2025-11-24T06:00 is 73 h.
    expect(brief(digest)[3]!.items).toEqual([
      ['jira-cloud', '/quality/', 'bad'],
      ['asana', '/quality/', 'bad'],
    ]);
    expect(details(digest, 'Sources')).toEqual(['stale: last synced 73 h before the snapshot', 'failing: HTTP 401 from /workspaces/1200/tasks: token expired']);
  });

  it('with no earlier snapshot lists the current problems and no changes', () => {
    const first = buildDigest({ current: pair.current, earlier: undefined }, { kind: 'leadership' }, SETTINGS);
    expect(first.sinceAsOf).toBeNull();
    expect(first.sections[0]!.items).toEqual([]);
    // Every portfolio and project at risk or off track now: Platform, Growth & Payments; four projects.
    expect(first.sections[1]!.items.map((i) => i.title)).toEqual([
      'Portfolio Growth & Payments', 'Portfolio Platform', '<b>Launch</b> & "Partners"', 'Checkout experiments', 'Data platform', 'Payments v3',
    ]);
  });
});

describe('what the strategy digest says', () => {
  // minGroup 2: every hours figure below is of at least two people, so each is told.
  const digest = buildDigest(pair, { kind: 'strategy' }, { ...SETTINGS, minGroup: 2 });

  it('gives the company and each portfolio its gap and drift, the widest gap first', () => {
    expect(brief(digest)[0]!.items).toEqual([
      ['Company', '/alignment/', 'bad'],
      ['Portfolio Growth & Payments', '/portfolio/growth-payments-0xiz36z/', 'good'],
      ['Portfolio Platform', '/portfolio/Platform/', 'bad'],
    ]);
    // 0.16 − 0.14, 0.22 − 0.25, 0.18 − 0.15 in percentage points.
    expect(details(digest, 'Theme gap')).toEqual(['gap 16 %, +2.0 pts since 2025-11-16', 'gap 22 %, −3.0 pts since 2025-11-16', 'gap 18 %, +3.0 pts since 2025-11-16']);
  });

  it('lists unaligned work that grew, largest growth first, and not work that stayed', () => {
    // Payments v3: 88.5 − 0; Launch: 96 − 90; Office move: 40 − 40 is no news.
    expect(brief(digest)[1]!.items).toEqual([
      ['Payments v3', '/project/jira-pay-0uis1wd/', 'bad'],
      ['<b>Launch</b> & "Partners"', '/project/asana-1202-1evw2h0/', 'bad'],
    ]);
    expect(details(digest, 'Largest')).toEqual(['88.5 h matching no theme, 88.5 h more than on 2025-11-16', '96.0 h matching no theme, 6.0 h more than on 2025-11-16']);
  });

  it('tells strategy no hours of fewer than minGroup people, nor a gap built on them (as its pages)', () => {
    const private5 = buildDigest(pair, { kind: 'strategy' }, { ...SETTINGS, minGroup: 5 });
    // Security hours: 4 people company-wide, 3 in Platform, 2 in Growth & Payments: every gap rests on a share of too few.
    expect(details(private5, 'Theme gap')).toEqual(['gap hidden: fewer than 5 people', 'gap hidden: fewer than 5 people', 'gap hidden: fewer than 5 people']);
    // Payments v3's unaligned hours are 5 people's; Launch's 2 people's.
    expect(details(private5, 'Largest')).toEqual(['88.5 h matching no theme, 88.5 h more than on 2025-11-16', 'hours matching no theme grew (hidden: fewer than 5 people)']);
  });
});

describe('what a PM’s digest says', () => {
  it('gives Ada her own moves in every ranked area, her projects and forecasts, all linked to her page', () => {
    const digest = buildDigest(pair, { kind: 'pm', pmId: 'pm-ada' }, SETTINGS);
    expect(digest.title).toBe('pmpulse weekly digest for Ada Lovelace, 2025-11-23');
    expect(brief(digest)).toEqual([
      { heading: 'Your figures beyond noise', items: [['Median cycle time', '/pm/pm-ada/', 'good'], ['Schedule performance', '/pm/pm-ada/', 'good']] },
      { heading: 'Your projects', items: [['Engine rewrite', '/pm/pm-ada/', 'good'], ['Ops automation', '/pm/pm-ada/', 'good']] },
      { heading: 'Your forecasts', items: [['Ops automation', '/pm/pm-ada/', 'bad'], ['Engine rewrite', '/pm/pm-ada/', 'bad']] },
      { heading: 'Behind your weakest figure', items: [] },
    ]);
  });

  it('gives Grace her move with the company figure, her projects’ health change and the tasks behind her weakest figure', () => {
    const digest = buildDigest(pair, { kind: 'pm', pmId: 'pm-grace' }, SETTINGS);
    expect(details(digest, 'Your figures')).toEqual(['70 % → 60 %, now beyond the company’s noise limit on the bad side (company 76 %)']);
    expect(details(digest, 'Your projects')).toEqual(['off track (was at risk): CPI 0.76 < 0.8', 'at risk (was on track): SPI 0.91 < 0.95']);
    expect(digest.sections[3]!.heading).toBe('Behind your weakest figure: On-time delivery');
    expect(digest.sections[3]!.items.map((i) => [i.title, i.detail])).toEqual([
      ['3-D Secure challenge flow', 'done 12 days late'],
      ['Pricing page A/B test', 'open, 16 days past due'],
    ]);
  });

  it('refuses a PM the snapshot does not have, naming the ones it has', () => {
    expect(() => buildDigest(pair, { kind: 'pm', pmId: 'pm-nobody' }, SETTINGS)).toThrow(/no PM "pm-nobody".*pm-ada/);
  });
});

describe('drift in percentage points', async () => {
  const { points } = await import('../../functions/digest/format.ts');
  it('signs a rise and a fall, and none on a drift that rounds to nothing', () => {
    expect([points(0.03), points(-0.03), points(-0.0002), points(0.0004), points(0)]).toEqual(['+3.0 pts', '−3.0 pts', '±0.0 pts', '±0.0 pts', '±0.0 pts']);
  });
});
