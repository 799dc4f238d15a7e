import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { openReportStore } from '../../publish/open.ts';
import { openStore } from '../../store/index.ts';
import { AlertStateTable } from '../../store/alert-state.ts';
import { DigestInputError, renderSlack, renderText } from '../../digest/index.ts';
import { alertDigest, evaluateAlerts, firedCount, readCurrentSnapshot } from '../../digest/alerts/index.ts';
import { deliverAlerts } from '../../digest/send/index.ts';
import { configOption, UsageError, type Command } from '../command.ts';
import { printReport, SEND_USAGE, sendOptions, sendSetup } from '../send-setup.ts';

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'Fire the configured alert rules on the latest published snapshot, each once',
  usage: `pmpulse alerts [--out DIR] [--dry-run] [--send [--ses-endpoint URL]] [--snapshot ID] [--config FILE]

Evaluates the config's alerts rules on the current published snapshot (latest.json's, or
--snapshot) and prints the alerts that fired: subjects in a rule's bad state now that were not at
the last run. The state of each rule is kept in the store, so a rerun on the same snapshot fires
nothing, and a subject that recovers fires again when it turns bad again. With --out, also writes
alerts.txt and alerts.slack.json into DIR. --dry-run prints what would fire and records nothing.

${SEND_USAGE} Every alert that fired goes to leadership's recipients and channel; a PM with
recipients also gets the alerts about their own projects. Nothing is sent when nothing fired. The
state is recorded before sending, so a failed delivery is not repeated by a rerun: the printed
alerts (and --out) keep them.`,
  options: { ...configOption, out: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, snapshot: { type: 'string' }, ...sendOptions },
  async run(values) {
    const config = await loadConfig(values.config as string);
    const dryRun = values['dry-run'] === true;
    if (dryRun && values.send === true) throw new UsageError('--dry-run sends nothing: use one of --dry-run and --send');
    const send = values.send === true ? sendSetup(config, values) : undefined;
    let snapshot;
    try {
      snapshot = await readCurrentSnapshot(openReportStore(config.reports), values.snapshot as string | undefined);
    } catch (error) {
      if (error instanceof DigestInputError) throw new UsageError(error.message);
      throw error;
    }
    const store = await openStore(config.store);
    let outcomes;
    try {
      const states = AlertStateTable.of(store);
      if (!states) throw new UsageError('the configured store keeps no alert state');
      outcomes = await evaluateAlerts(config.alerts, snapshot, states, { dryRun });
    } finally {
      await store.close();
    }
    const digest = alertDigest(outcomes, snapshot.documents['projects.json'].asOf);
    const count = firedCount(outcomes);
    const cleared = outcomes.reduce((sum, outcome) => sum + outcome.cleared.length, 0);
    if (count > 0) process.stdout.write(renderText(digest, config.digest.siteUrl));
    process.stdout.write(`${dryRun ? 'would fire' : 'fired'} ${count} alert(s) of ${config.alerts.length} rule(s) on snapshot ${snapshot.id}; ${cleared} cleared${dryRun ? '; nothing recorded (--dry-run)' : ''}\n`);
    if (values.out !== undefined) {
      const out = resolve(values.out as string);
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'alerts.txt'), renderText(digest, config.digest.siteUrl));
      await writeFile(join(out, 'alerts.slack.json'), `${JSON.stringify(renderSlack(digest, config.digest.siteUrl), null, 2)}\n`);
    }
    if (send) return printReport(await deliverAlerts(outcomes, snapshot, config.digest, send.targets, send.senders), 'alert');
    return 0;
  },
};
