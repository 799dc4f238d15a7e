import { hostname } from 'node:os';
import { loadConfig } from '../../config/index.ts';
import { holdLease, type HeldLease } from '../../pipeline/lease.ts';
import { openRuntime, PipelineError } from '../../pipeline/index.ts';
import { ForgetError, forgetPerson, type ForgetReport } from '../../privacy/forget.ts';
import { configOption, UsageError, type Command } from '../command.ts';

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

export const forgetCommand: Command = {
  name: 'forget',
  summary: 'Erase a person (GDPR): identity out of the store and every retained snapshot',
  usage: `pmpulse forget --person ID [--config FILE]

ID is a people[] id (all of that person's accounts) or <source>:<account id>. Removes the
person's records, names, e-mails and account ids from the store, keeps their tasks and hours
under an anonymous "Former user" account (so project figures stay true), rewrites every retained
report document that names them, and lists the accounts so no later sync stores them again (as
keyed digests: the list names nobody). Prints what it changed. The config file is not edited:
it says what to remove from it. Runs while no sync does (it takes the sync lease).
Exit 2 when the ID is unknown (nothing is changed); exit 0 with a note when it was erased before.`,
  options: { ...configOption, person: { type: 'string' } },
  async run(values) {
    const person = str(values.person);
    if (!person?.trim()) throw new UsageError('--person ID is required');
    const config = await loadConfig(str(values.config)!);
    const runtime = await openRuntime(config);
    let lease: HeldLease | undefined;
    try {
      const owner = `${hostname()}:${process.pid}:forget`;
      lease = await holdLease({ store: runtime.store, name: 'sync', owner, ttlMs: 2 * 60_000, log: runtime.log, step: 'forget' });
      if (!lease) throw new PipelineError('forget', 'a sync is running; nothing done (run forget again when it ends)');
      const report = await forgetPerson({ config, store: runtime.store, reports: runtime.reports, now: runtime.now, person: person.trim(), assertHeld: lease.assertHeld });
      process.stdout.write(forgetText(report, runtime.reports.describe()));
      return 0;
    } catch (error) {
      if (!(error instanceof ForgetError)) throw error;
      (error.exitCode === 0 ? process.stdout : process.stderr).write(`pmpulse forget: ${error.message}\n`);
      return error.exitCode;
    } finally {
      await lease?.release();
      await runtime.close();
    }
  },
};

const row = (label: string, value: string | number): string => `  ${label.padEnd(26)} ${value}\n`;

export function forgetText(report: ForgetReport, reportsWhere: string): string {
  const { subject, store, reports } = report;
  const as = subject.configured ? `people[${subject.configured.index}]` : 'not in people[]';
  const rewritten = Object.entries(store.rewritten).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
  let text = `erased ${subject.requested} (${as}; accounts: ${subject.accounts.join(', ')})${report.alreadyListed ? ', listed by an earlier erasure' : ''}\n`;
  text += `  now "Former user", anonymous account ${report.token} in every source (${report.anonymousId} in the figures)\n`;
  text += 'store:\n';
  text += row('person records removed', store.peopleRemoved);
  text += row('tombstones removed', store.tombstonesRemoved);
  text += row('records re-attributed', rewritten);
  text += row('quarantine entries', store.quarantineRewritten);
  text += row('other items', store.otherRewritten);
  text += row('anonymous accounts', `${store.anonymousAccounts} (one per source)`);
  text += `reports (${reportsWhere}):\n`;
  text += row('documents checked', reports.checked);
  text += row('documents rewritten', reports.rewritten.length);
  for (const key of reports.rewritten) text += `    ${key}\n`;
  text += 'next:\n';
  text += '  - later syncs store these accounts under the anonymous account (the erasure list holds keyed digests, no names)\n';
  text += '  - the site shows the old pages until it is rebuilt: the next publish rebuilds it in AWS; locally run pmpulse site build\n';
  if (report.configMentions.length) {
    text += '  - the config file still names them (pmpulse does not edit it); until it is changed the next compute may publish the name again:\n';
    for (const mention of report.configMentions) text += `      ${mention}\n`;
  }
  return text;
}
