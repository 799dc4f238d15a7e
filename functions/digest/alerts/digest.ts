import type { AlertRule } from '../../config/alerts.ts';
import { percent } from '../format.ts';
import type { Digest, DigestSection } from '../model.ts';
import { MAIL_ITEMS_PER_SECTION } from '../render/shown.ts';
import type { RuleOutcome } from './evaluate.ts';

/** A rule in words, as a section heading. */
export function ruleHeading(rule: AlertRule): string {
  switch (rule.kind) {
    case 'projectOffTrack':
      return 'Projects now off track';
    case 'portfolioGapAbove':
      return `Portfolios with an alignment gap above ${rule.value}`;
    case 'forecastBelow':
      return `Forecasts below ${percent(rule.value)} to meet the due date`;
    case 'sourceStale':
      return `Sources not synced for ${rule.hours} h`;
  }
}

/**
 * The alerts that fired as a digest, so the digest's renderers (text, Slack, HTML) serve them as
 * they are: one section per rule that fired, none for the others. Addressed to leadership, who may
 * see every page the items link to (access/role-rules.ts).
 */
export function alertDigest(outcomes: readonly RuleOutcome[], asOf: string): Digest {
  return {
    audience: { kind: 'leadership' },
    title: `pmpulse alerts, ${asOf}`,
    asOf,
    sinceAsOf: null,
    basis: 'Each alert fires once, when its subject enters the rule; the site shows the figures behind it.',
    sections: outcomes.flatMap((outcome) => ruleSections(ruleHeading(outcome.rule), outcome.fired.map((fired) => fired.item))),
  };
}

/**
 * A rule's alerts in sections of at most what the text renderer lists, so every alert that fired
 * is printed: a digest may send readers to the site for the rest, an alert fires only once.
 */
function ruleSections(heading: string, items: DigestSection['items']): DigestSection[] {
  const parts = Math.ceil(items.length / MAIL_ITEMS_PER_SECTION);
  return Array.from({ length: parts }, (_, part) => ({
    heading: parts === 1 ? heading : `${heading} (${part + 1} of ${parts})`,
    empty: '',
    items: items.slice(part * MAIL_ITEMS_PER_SECTION, (part + 1) * MAIL_ITEMS_PER_SECTION),
  }));
}

/** How many subjects fired, over all rules. */
export const firedCount = (outcomes: readonly RuleOutcome[]): number => outcomes.reduce((sum, outcome) => sum + outcome.fired.length, 0);
