import { alertDigest, firedCount } from '../alerts/digest.ts';
import type { RuleOutcome } from '../alerts/evaluate.ts';
import { pmPath } from '../links.ts';
import type { Digest, PublishedSnapshot } from '../model.ts';
import { deliverDigest, type DeliveryTargets, type Senders } from './deliver.ts';
import { emptyReport, settled, type DeliveryReport } from './report.ts';

/**
 * The project a fired subject is about, when it is one: `projectOffTrack` fires project ids,
 * `forecastBelow` `project:<id>` (and `portfolio:<name>`, which is no one PM's).
 */
function projectOf(outcome: RuleOutcome, subject: string): string | undefined {
  if (outcome.rule.kind === 'projectOffTrack') return subject;
  if (outcome.rule.kind === 'forecastBelow' && subject.startsWith('project:')) return subject.slice('project:'.length);
  return undefined;
}

/**
 * Each PM's share of the alerts: the ones about a project the snapshot gives to them. A PM may open
 * only their own page (access/role-rules.ts), so the items link there rather than to the project
 * or forecasts page.
 */
export function pmAlertDigests(outcomes: readonly RuleOutcome[], snapshot: PublishedSnapshot): Digest[] {
  const asOf = snapshot.documents['projects.json'].asOf;
  const pmOfProject = new Map(snapshot.documents['projects.json'].projects.map((p) => [p.id, p.pmId]));
  const byPm = new Map<string, RuleOutcome[]>();
  for (const outcome of outcomes) {
    const mine = new Map<string, RuleOutcome['fired']>();
    for (const fired of outcome.fired) {
      const project = projectOf(outcome, fired.subject);
      const pmId = project === undefined ? undefined : pmOfProject.get(project);
      if (!pmId) continue;
      mine.set(pmId, [...(mine.get(pmId) ?? []), { ...fired, item: { ...fired.item, path: pmPath(pmId) } }]);
    }
    for (const [pmId, fired] of mine) byPm.set(pmId, [...(byPm.get(pmId) ?? []), { ...outcome, fired, cleared: [] }]);
  }
  const names = new Map(snapshot.documents['managers.json'].managers.map((m) => [m.id, m.name]));
  return [...byPm].map(([pmId, own]) => ({ ...alertDigest(own, asOf), audience: { kind: 'pm', pmId }, title: `pmpulse alerts for ${names.get(pmId) ?? pmId}, ${asOf}` }));
}

/**
 * Sends the alerts that fired: all of them to leadership's recipients and Slack channel, and to
 * each PM the ones about their own projects (an off-track project, a project forecast below the
 * threshold) at their addresses. Portfolio and source alerts go to leadership only. Nothing is
 * sent when nothing fired: an alert is news or it is not sent.
 */
export async function deliverAlerts(outcomes: readonly RuleOutcome[], snapshot: PublishedSnapshot, settings: { siteUrl?: string | undefined }, targets: DeliveryTargets, senders: Senders): Promise<DeliveryReport> {
  const report = emptyReport();
  if (firedCount(outcomes) === 0) return settled(report);
  await deliverDigest(alertDigest(outcomes, snapshot.documents['projects.json'].asOf), settings.siteUrl, targets, senders, report);
  for (const digest of pmAlertDigests(outcomes, snapshot)) {
    // A PM with no address of their own gets their alerts through leadership's message only.
    if (targets.mailTo(digest.audience).length === 0 && !targets.slack(digest.audience)) continue;
    await deliverDigest(digest, settings.siteUrl, targets, senders, report);
  }
  return settled(report);
}
