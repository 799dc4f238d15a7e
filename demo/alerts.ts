import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../functions/config/index.ts';
import { alertDigest, evaluateAlerts, firedCount, readCurrentSnapshot } from '../functions/digest/alerts/index.ts';
import { renderHtml, renderSlack, renderText } from '../functions/digest/index.ts';
import type { Runtime } from '../functions/pipeline/runtime.ts';
import { AlertStateTable } from '../functions/store/alert-state.ts';

/**
 * The alert rules the demo's config carries, chosen to fire on the demo company: its off-track
 * projects, its portfolios far from their theme targets, its forecasts with little chance to meet
 * the due date. The stale-source rule fires nothing (the demo has just synced): a rule that stays
 * quiet is part of the picture.
 */
export const DEMO_ALERT_RULES = [
  { kind: 'projectOffTrack' },
  { kind: 'portfolioGapAbove', value: 0.25 },
  { kind: 'forecastBelow', value: 0.25 },
  { kind: 'sourceStale', hours: 48 },
] as const;

export interface DemoAlerts {
  rules: number;
  fired: number;
  /** What a second run on the same snapshot fired: 0, the state having recorded the first. */
  refired: number;
}

/**
 * `pmpulse alerts` twice on the latest snapshot, as the scheduler would after a publish and again:
 * the first run's alerts go to `<dir>/alerts.{txt,html,slack.json}`, and `runs.txt` says what each
 * run fired. The state lives in the demo's store, so a demo rerun over the same directory fires
 * only what changed since.
 */
export async function runDemoAlerts(runtime: Runtime, config: Config, dir: string): Promise<DemoAlerts> {
  const states = AlertStateTable.of(runtime.store);
  if (!states) throw new Error('the demo store keeps no alert state');
  const snapshot = await readCurrentSnapshot(runtime.reports);
  const first = await evaluateAlerts(config.alerts, snapshot, states);
  const second = await evaluateAlerts(config.alerts, snapshot, states);
  const digest = alertDigest(first, snapshot.documents['projects.json'].asOf);
  const siteUrl = config.digest.siteUrl;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'alerts.txt'), renderText(digest, siteUrl));
  await writeFile(join(dir, 'alerts.html'), renderHtml(digest, siteUrl));
  await writeFile(join(dir, 'alerts.slack.json'), `${JSON.stringify(renderSlack(digest, siteUrl), null, 2)}\n`);
  const line = (run: number, outcomes: typeof first) =>
    `run ${run}: fired ${firedCount(outcomes)} alert(s) of ${config.alerts.length} rule(s) on snapshot ${snapshot.id} (${outcomes.map((o) => `${o.id} ${o.fired.length}`).join(', ')})`;
  await writeFile(join(dir, 'runs.txt'), `${line(1, first)}\n${line(2, second)}\n`);
  return { rules: config.alerts.length, fired: firedCount(first), refired: firedCount(second) };
}
