import { createLogger } from '../../runtime/logger.ts';
import { serveSite } from '../../../site/serve.ts';
import { today, UsageError, type Command } from '../command.ts';
import { runDemo, type DemoScale } from '../../../demo/runner.ts';
import { demoNextSteps } from '../demo-next-steps.ts';
import { syncProgressLine } from '../sync-progress-line.ts';
import { waitForInterrupt } from './site.ts';

const SCALES: DemoScale[] = ['small', 'medium', 'large'];

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the whole pipeline over a seeded demo organisation and serve the site',
  usage: `pmpulse demo [--scale small|medium|large] [--seed N] [--as-of YYYY-MM-DD] [--dir DIR] [--port N] [--no-serve] [--asana-no-time-tracking] [--azure-devops] [--linear]

Starts local Jira and Asana API servers over a generated company, syncs them through the real
connectors into the embedded store, computes, publishes, builds the site and serves it.
Everything lands under --dir (default .pmpulse/demo/<scale>-seed<seed>); a second run reuses the
store. --no-serve exits 0 once the site is built. --asana-no-time-tracking puts the Asana
workspace on a plan without time tracking (its hours show as unavailable; default dir ends -asana-no-tt).
--azure-devops plans every other plain Jira project in Azure DevOps Boards instead, served by a
local Azure DevOps server (default dir ends -azure-devops).
--linear moves every third Jira project to a local Linear (GraphQL) server, their hours to a
Tempo-style timesheet joined to the Linear issues by issue key (default dir ends -linear).`,
  options: {
    scale: { type: 'string', default: 'medium' },
    seed: { type: 'string', default: '42' },
    'as-of': { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string', default: '4321' },
    'no-serve': { type: 'boolean', default: false },
    'asana-no-time-tracking': { type: 'boolean', default: false },
    'azure-devops': { type: 'boolean', default: false },
    linear: { type: 'boolean', default: false },
  },
  async run(values) {
    const scale = values.scale as DemoScale;
    if (!SCALES.includes(scale)) throw new UsageError(`--scale must be one of ${SCALES.join(', ')}, got "${scale}"`);
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}"`);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
    const asOf = (values['as-of'] as string | undefined) ?? today();
    const asanaNoTimeTracking = values['asana-no-time-tracking'] === true;
    const azureDevOps = values['azure-devops'] === true;
    const linear = values.linear === true;
    const dir = (values.dir as string | undefined) ?? `.pmpulse/demo/${scale}-seed${seed}${asanaNoTimeTracking ? '-asana-no-tt' : ''}${azureDevOps ? '-azure-devops' : ''}${linear ? '-linear' : ''}`;
    const started = performance.now();
    const result = await runDemo({ scale, seed, asOf, dir, log: createLogger(), onProgress: syncProgressLine(), asanaNoTimeTracking, azureDevOps, linear });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const steps = Object.entries(result.timings).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(', ');
    process.stdout.write(`demo ${scale}: ${formatCounts(result.counts)}; snapshot ${result.snapshot}; ${seconds} s (${steps})\n`);
    process.stdout.write(`alerts: ${result.alerts.fired} fired by ${result.alerts.rules} rule(s); run again on the same snapshot, ${result.alerts.refired}\n`);
    if (values['no-serve']) {
      process.stdout.write(`site built in ${result.siteDir}\n`);
      process.stdout.write(demoNextSteps({ ...result, asOf }));
      return 0;
    }
    const server = await serveSite({ dir: result.siteDir, port });
    process.stdout.write(`pmpulse demo site: ${server.url}  (Ctrl-C to stop)\n`);
    process.stdout.write(demoNextSteps({ ...result, asOf, url: server.url }));
    await waitForInterrupt();
    await server.close();
    return 0;
  },
};

function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(', ');
}
