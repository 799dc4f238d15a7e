/** Where a digest went: an e-mail to one address or a post to one Slack channel. */
export type Channel = 'email' | 'slack';

/** One attempt to deliver one audience's message to one target. */
export interface Delivery {
  /** `leadership`, `strategy`, `pm:ID` (audienceName). */
  audience: string;
  channel: Channel;
  /** The e-mail address, or the Slack channel's label (never its webhook URL). */
  target: string;
  status: 'sent' | 'failed';
  /** Why it failed: the error's message, which names no secret. */
  error?: string;
}

/** What a delivery run did, target by target, and the audiences that had nowhere to go. */
export interface DeliveryReport {
  deliveries: Delivery[];
  /** Audiences with no recipient and no Slack channel configured: nothing was sent for them. */
  unaddressed: string[];
  /** Audiences whose message could not be made (a PM not in the snapshot), with the reason. */
  unbuilt: { audience: string; error: string }[];
  failed: number;
}

export function emptyReport(): DeliveryReport {
  return { deliveries: [], unaddressed: [], unbuilt: [], failed: 0 };
}

/** Counts the failures (deliveries and unbuilt audiences) once everything was tried. */
export function settled(report: DeliveryReport): DeliveryReport {
  return { ...report, failed: report.deliveries.filter((d) => d.status === 'failed').length + report.unbuilt.length };
}

/** One line per delivery, as the CLI prints them. */
export function reportLines(report: DeliveryReport): string[] {
  const lines = report.deliveries.map((d) => `${d.audience}: ${d.channel === 'email' ? `e-mail to ${d.target}` : `Slack ${d.target}`} ${d.status}${d.error ? `: ${d.error}` : ''}`);
  for (const u of report.unbuilt) lines.push(`${u.audience}: not sent: ${u.error}`);
  for (const audience of report.unaddressed) lines.push(`${audience}: no recipients or Slack channel configured; nothing sent`);
  return lines;
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
