import { loadConfig } from '../../config/index.ts';
import { asOfOption, configOption, today, type Command } from '../command.ts';
import { syncProgressLine } from '../sync-progress-line.ts';
import { maxMinutesDeadline, maxMinutesOption } from '../max-minutes.ts';

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

// Each step is loaded when its command runs: compute never loads the connectors (command-list.ts).
const syncStep = () => import('../../pipeline/sync.ts');
const computeStep = () => import('../../pipeline/compute.ts');
const publishStep = () => import('../../pipeline/publish.ts');

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Pull records from every configured source into the store',
  usage: `pmpulse sync [--config FILE] [--source NAME]... [--max-minutes N]

Reads each source (Jira, Asana, ...) from its stored cursor onwards, stores the records and
quarantines malformed ones. Exit 1 when any source failed.
--max-minutes N stops at the next checkpoint once N minutes have passed (exit 0, saying so);
the next sync goes on from there, so a first sync of a large site can run in slices.`,
  options: { ...configOption, ...maxMinutesOption, source: { type: 'string', multiple: true } },
  async run(values) {
    const deadline = maxMinutesDeadline(values['max-minutes']);
    const config = await loadConfig(str(values.config)!);
    const { runSync } = await syncStep();
    const summary = await runSync(config, { sources: values.source as string[] | undefined, onProgress: syncProgressLine(), ...(deadline ? { deadline } : {}) });
    const waiting = summary.sources.filter((outcome) => !outcome.complete && !summary.runs.some((run) => run.source === outcome.source));
    if (waiting.length) process.stderr.write(`not started before the deadline: ${waiting.map((outcome) => outcome.source).join(', ')}; the next run syncs them\n`);
    return summary.ok ? 0 : 1;
  },
};

export const computeCommand: Command = {
  name: 'compute',
  summary: 'Compute the KPIs from the store and stage the report documents',
  usage: `pmpulse compute [--config FILE] [--as-of YYYY-MM-DD]

--as-of defaults to today in the config's kpi.timeZone (else UTC); the same data and date always give the same figures.`,
  options: { ...configOption, ...asOfOption },
  async run(values) {
    const config = await loadConfig(str(values.config)!);
    const { runCompute } = await computeStep();
    await runCompute(config, { asOf: str(values['as-of']) ?? today(new Date(), config.kpi?.timeZone) });
    return 0;
  },
};

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Publish the staged documents as a new snapshot and flip latest.json',
  usage: `pmpulse publish [--config FILE]`,
  options: { ...configOption },
  async run(values) {
    const config = await loadConfig(str(values.config)!);
    const { runPublish } = await publishStep();
    const latest = await runPublish(config);
    process.stdout.write(`${latest.snapshot}\n`);
    return 0;
  },
};

export const runCommand: Command = {
  name: 'run',
  summary: 'sync, compute and publish in one go',
  usage: `pmpulse run [--config FILE] [--as-of YYYY-MM-DD]

Publishes even when a source failed (the data-quality report says which), then exits 1.`,
  options: { ...configOption, ...asOfOption },
  async run(values) {
    const config = await loadConfig(str(values.config)!);
    const asOf = str(values['as-of']) ?? today(new Date(), config.kpi?.timeZone);
    const [{ runSync }, { runCompute }, { runPublish }, { openRuntime }] = await Promise.all([syncStep(), computeStep(), publishStep(), import('../../pipeline/runtime.ts')]);
    const runtime = await openRuntime(config);
    try {
      const summary = await runSync(config, { runtime, onProgress: syncProgressLine() });
      await runCompute(config, { asOf, runtime });
      const latest = await runPublish(config, { runtime });
      process.stdout.write(`${latest.snapshot}\n`);
      return summary.ok ? 0 : 1;
    } finally {
      await runtime.close();
    }
  },
};
