import { unknownPmRecipients } from '../../digest/send/index.ts';
import type { Config } from '../../config/index.ts';
import { evaluateAlerts, firedCount, readCurrentSnapshot } from '../../digest/alerts/index.ts';
import { everyAudience, readSnapshotPair } from '../../digest/index.ts';
import type { Audience } from '../../digest/model.ts';
import { deliverAlerts, deliverDigests, type DeliveryReport, type DeliveryTargets, type MailSender } from '../../digest/send/index.ts';
import { openReportStore } from '../../publish/open.ts';
import { AlertStateTable } from '../../store/alert-state.ts';
import { openStore } from '../../store/index.ts';
import type { Logger } from '../logger.ts';
import { recipientsFromGroups, type GroupRecipients, type ListGroup } from './cognito-recipients.ts';
import type { DigestEvent } from './events.ts';

/** What the digest function sends with and where its e-mail recipients come from. */
export interface DigestServices {
  /** SES, when the config names a sender. */
  mail?: MailSender;
  /** The site's groups, when the stack says recipients come from Cognito; else the config's lists. */
  listGroup?: ListGroup;
  /** The config's targets (addresses and Slack channels per audience, the sender), as `--send` makes them. */
  targets: DeliveryTargets;
}

export interface DigestResult {
  step: 'digest';
  mode: DigestEvent['mode'];
  snapshot: string;
  /** Alerts that fired (alerts mode). */
  fired: number;
  sent: number;
  failed: number;
}

/**
 * The targets to send to: the config's, with the e-mail addresses from the site's groups instead
 * when recipients come from Cognito (Slack channels and the sender stay the config's).
 */
async function targetsFor(services: DigestServices, pmIds: readonly string[], log: Logger): Promise<DeliveryTargets> {
  const fromConfig = services.targets;
  if (!services.listGroup) return fromConfig;
  const groups = await recipientsFromGroups(services.listGroup, pmIds);
  for (const skipped of groups.skipped) log.warn('digest recipient left out', skipped);
  return { ...fromConfig, mailTo: (audience) => groupAddresses(groups, audience) };
}

function groupAddresses(groups: GroupRecipients, audience: Audience): readonly string[] {
  return audience.kind === 'pm' ? (groups.pm.get(audience.pmId) ?? []) : groups[audience.kind];
}

function logReport(report: DeliveryReport, log: Logger): void {
  // Addresses are personal data: a line names the audience, channel and outcome, not the target;
  // SES's own error for a refused address still names that address, the one thing needed to fix it.
  for (const delivery of report.deliveries) {
    const line = { audience: delivery.audience, channel: delivery.channel, status: delivery.status, ...(delivery.error ? { error: delivery.error } : {}) };
    if (delivery.status === 'failed') log.error('digest delivery failed', line);
  }
  for (const unbuilt of report.unbuilt) log.error('digest not built', unbuilt);
  if (report.unaddressed.length) log.info('digest audiences without recipients', { audiences: report.unaddressed });
}

const sentCount = (report: DeliveryReport) => report.deliveries.filter((d) => d.status === 'sent').length;

/**
 * Alerts mode: every rule evaluated on the snapshot against its kept state, recorded, then the
 * alerts that fired sent (evaluate.ts says why in that order). A failed send is reported, not
 * thrown: the alert is recorded, and a retry would fire nothing to send again.
 */
export async function runAlerts(config: Config, event: Extract<DigestEvent, { mode: 'alerts' }>, services: DigestServices, log: Logger): Promise<DigestResult> {
  const snapshot = await readCurrentSnapshot(openReportStore(config.reports), event.snapshot);
  const store = await openStore(config.store);
  let outcomes;
  try {
    const states = AlertStateTable.of(store);
    if (!states) throw new Error('the configured store keeps no alert state');
    outcomes = await evaluateAlerts(config.alerts, snapshot, states);
  } finally {
    await store.close();
  }
  const fired = firedCount(outcomes);
  log.info('alerts evaluated', { snapshot: snapshot.id, rules: config.alerts.length, fired, cleared: outcomes.reduce((sum, o) => sum + o.cleared.length, 0) });
  if (fired === 0) return { step: 'digest', mode: 'alerts', snapshot: snapshot.id, fired, sent: 0, failed: 0 };
  const pmIds = snapshot.documents['managers.json'].managers.map((m) => m.id);
  const targets = await targetsFor(services, pmIds, log);
  const report = await deliverAlerts(outcomes, snapshot, { siteUrl: config.digest.siteUrl }, targets, services.mail ? { mail: services.mail } : {});
  logReport(report, log);
  return { step: 'digest', mode: 'alerts', snapshot: snapshot.id, fired, sent: sentCount(report), failed: report.failed };
}

/**
 * Digest mode: leadership, strategy and every PM of the current snapshot, compared with the one
 * about a week earlier, each to its targets. A failed send is reported, not thrown: a retry of the
 * whole run would send the others' digests twice.
 */
export async function runDigests(config: Config, event: Extract<DigestEvent, { mode: 'digest' }>, services: DigestServices, log: Logger): Promise<DigestResult> {
  const pair = await readSnapshotPair(openReportStore(config.reports), { snapshot: event.snapshot, sinceDays: config.digest.sinceDays });
  const audiences = everyAudience(pair);
  const pmIds = audiences.flatMap((a) => (a.kind === 'pm' ? [a.pmId] : []));
  // As --send warns: a recipients.pm id that is no PM of the snapshot is most likely a typo.
  if (!services.listGroup) for (const warning of unknownPmRecipients(config, pmIds)) log.warn(warning);
  const targets = await targetsFor(services, pmIds, log);
  const report = await deliverDigests(pair, audiences, { ...config.digest, minGroup: config.privacy.minGroup }, targets, services.mail ? { mail: services.mail } : {});
  logReport(report, log);
  log.info('digests delivered', { snapshot: pair.current.id, since: pair.earlier?.id ?? null, audiences: audiences.length });
  return { step: 'digest', mode: 'digest', snapshot: pair.current.id, fired: 0, sent: sentCount(report), failed: report.failed };
}
