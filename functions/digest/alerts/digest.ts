import type { AlertRule } from '../../config/alerts.ts';
import { percent } from '../format.ts';
import type { Digest } from '../model.ts';
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
    sections: outcomes
      .filter((outcome) => outcome.fired.length > 0)
      .map((outcome) => ({ heading: ruleHeading(outcome.rule), empty: '', items: outcome.fired.map((fired) => fired.item) })),
  };
}

/** How many subjects fired, over all rules. */
export const firedCount = (outcomes: readonly RuleOutcome[]): number => outcomes.reduce((sum, outcome) => sum + outcome.fired.length, 0);
