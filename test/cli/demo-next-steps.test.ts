import { describe, expect, it } from 'vitest';
import { demoNextSteps } from '../../functions/cli/demo-next-steps.ts';

describe('what the demo says when it is done', () => {
  const places = { siteDir: '/w/.pmpulse/demo/medium-seed42/site', dir: '/w/.pmpulse/demo/medium-seed42', configFile: '/w/.pmpulse/demo/medium-seed42/pmpulse.config.json', asOf: '2026-12-05' };

  it('names what to open, with paths relative to where it ran, and commands that use its own config', () => {
    const text = demoNextSteps({ ...places, url: 'http://127.0.0.1:4321/' }, '/w');
    expect(text).toContain('the site             http://127.0.0.1:4321/');
    expect(text).toContain('.pmpulse/demo/medium-seed42/reports/latest.json');
    // The month before 5 December ends on 30 November: a complete month to compute as of.
    expect(text).toContain('npx pmpulse compute --config .pmpulse/demo/medium-seed42/pmpulse.config.json --as-of 2026-11-30');
    expect(text).toContain('the digests, alerts  .pmpulse/demo/medium-seed42/reports/digests/ and reports/alerts/');
    expect(text).toContain('npx pmpulse digest --config .pmpulse/demo/medium-seed42/pmpulse.config.json --send');
    expect(text).not.toContain('/w/');
  });

  it('without a server, says how to serve the built site', () => {
    expect(demoNextSteps(places, '/w')).toContain('npx pmpulse site serve --dir .pmpulse/demo/medium-seed42/site');
    // 1 March: the month before ends on the last day of February (a leap year too).
    expect(demoNextSteps({ ...places, asOf: '2028-03-01' }, '/w')).toContain('--as-of 2028-02-29');
  });
});
