import { relative } from 'node:path';

export interface DemoPlaces {
  /** The site's URL when it is being served, else undefined (--no-serve). */
  url?: string;
  siteDir: string;
  dir: string;
  configFile: string;
  asOf: string;
}

/**
 * What the demo tells a person when it is done: what to open and what to try next, each a
 * command that works as printed from the directory the demo ran in.
 */
export function demoNextSteps(places: DemoPlaces, cwd = process.cwd()): string {
  const show = (path: string) => relative(cwd, path) || '.';
  const config = show(places.configFile);
  const earlier = monthEndBefore(places.asOf);
  const open = places.url
    ? `  the site             ${places.url}  (Ctrl-C to stop)`
    : `  the site             npx pmpulse site serve --dir ${show(places.siteDir)}`;
  return [
    'Open:',
    open,
    '  start with           the overview, then a PM page, Alignment and Data quality',
    `  the published JSON   ${show(places.dir)}/reports/latest.json (documents and their JSON Schemas beside it)`,
    `  the config it wrote  ${config} (what a real set-up looks like)`,
    'Try next:',
    `  as of ${earlier}     npx pmpulse compute --config ${config} --as-of ${earlier} && npx pmpulse publish --config ${config}`,
    `  then rebuild         npx pmpulse site build --config ${config} --out ${show(places.siteDir)}`,
    `  the digests, alerts  ${show(places.dir)}/reports/digests/ and reports/alerts/`,
    `  send them locally    node demo/delivery-stand-ins.ts, then npx pmpulse digest --config ${config} --send (README, Digests and alerts)`,
    '  a larger company     npx pmpulse demo --scale large',
    '  your own Jira/Asana  write pmpulse.config.json (README, Configuration) and run npx pmpulse config check',
    '  what each KPI means  docs/kpi-catalogue.md',
    '',
  ].join('\n');
}

/** The last day of the month before the as-of date's: a complete month to look back at. */
function monthEndBefore(asOf: string): string {
  const [year, month] = asOf.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}
