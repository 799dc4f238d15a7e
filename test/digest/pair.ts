import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DOCUMENT_NAMES } from '../../functions/contract/layout.ts';
import { documentSchemas, type SnapshotDocuments } from '../../functions/contract/documents.ts';
import type { SnapshotPair } from '../../functions/digest/index.ts';
import { fixtureDir } from '../site/helpers.ts';

/** The site's fixture snapshot (as-of 2025-11-23), raw JSON, a fresh copy per call. */
export async function fixtureDocs(): Promise<Record<string, any>> {
  const docs: Record<string, any> = {};
  for (const name of DOCUMENT_NAMES) docs[name] = JSON.parse(await readFile(path.join(fixtureDir, name), 'utf8'));
  return docs;
}

/** Raw documents validated as the snapshot reader would. */
export function validated(raw: Record<string, any>): SnapshotDocuments {
  return Object.fromEntries(DOCUMENT_NAMES.map((name) => [name, documentSchemas[name].parse(raw[name])])) as unknown as SnapshotDocuments;
}

/** Every dated document of a raw snapshot moved to another as-of date. */
export function withAsOf(raw: Record<string, any>, asOf: string): Record<string, any> {
  for (const name of DOCUMENT_NAMES) if ('asOf' in raw[name]) raw[name].asOf = asOf;
  return raw;
}

const byId = (list: any[], id: string): any => {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`no ${id} in the fixture`);
  return found;
};

/**
 * The fixture as the current snapshot, with one change (jira-cloud last synced 73 h before the
 * snapshot), and by hand an earlier one a week before, as-of 2025-11-16, that differs as follows:
 *
 * managers: Grace's on-time ratio was within the limits (0.70), Ada's SPI (0.85) and cycle time
 *   (8.0 d) were beyond the limit on the bad side;
 * projects: Payments v3 was on track, Checkout experiments at risk; portfolio Platform on track;
 * forecasts: Engine rewrite had a 60 % chance, Ops automation none known, Checkout experiments
 *   20 %, portfolio Growth & Payments 55 %;
 * alignment: company gap 0.14, Platform 0.15, Growth & Payments 0.25; unaligned hours of
 *   <b>Launch</b> 90 h, Payments v3 not listed, Office move 40 h (as now).
 */
export async function handMadePair(): Promise<{ pair: SnapshotPair; current: Record<string, any>; earlier: Record<string, any> }> {
  const current = await fixtureDocs();
  current['quality.json'].sources.find((s: any) => s.name === 'jira-cloud').lastSyncAt = '2025-11-21T05:00:00Z';

  const earlier = withAsOf(await fixtureDocs(), '2025-11-16');
  const managers = earlier['managers.json'].managers;
  Object.assign(byId(managers, 'pm-grace').values.onTimeRate, { value: 0.7, successes: 24, deviation: -0.9, signal: 'within' });
  Object.assign(byId(managers, 'pm-ada').values.spi, { value: 0.85, deviation: -2.5, signal: 'worse' });
  Object.assign(byId(managers, 'pm-ada').values.cycleTime, { value: 8, deviation: -2.6, signal: 'worse' });
  const projects = earlier['projects.json'].projects;
  byId(projects, 'jira:PAY').health = 'on_track';
  byId(projects, 'asana:1201').health = 'at_risk';
  earlier['portfolios.json'].portfolios.find((p: any) => p.name === 'Platform').health = 'on_track';
  const forecasts = earlier['forecasts.json'];
  byId(forecasts.projects, 'jira:ENG').probabilityByDue = 0.6;
  byId(forecasts.projects, 'jira:OPS').probabilityByDue = null;
  byId(forecasts.projects, 'asana:1201').probabilityByDue = 0.2;
  byId(forecasts.portfolios, 'Growth & Payments').probabilityByDue = 0.55;
  const alignment = earlier['alignment.json'];
  alignment.gapScore = 0.14;
  alignment.portfolios.find((p: any) => p.name === 'Platform').gapScore = 0.15;
  alignment.portfolios.find((p: any) => p.name === 'Growth & Payments').gapScore = 0.25;
  alignment.unalignedWork = [
    { projectId: 'asana:1202', name: '<b>Launch</b> & "Partners"', pmId: 'pm-nasty', hours: 90 },
    { projectId: 'asana:9999', name: 'Office move', pmId: null, hours: 40 },
  ];
  return {
    pair: { current: { id: 'now', documents: validated(current) }, earlier: { id: 'before', documents: validated(earlier) } },
    current,
    earlier,
  };
}

export const SETTINGS = { forecastThreshold: 0.5, staleSourceHours: 48 };
