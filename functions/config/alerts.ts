import * as z from 'zod';

const RuleIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only, at most 64').optional();

/**
 * One alert rule. Each names what it watches in the current published snapshot:
 * `projectOffTrack` projects whose health is off track; `portfolioGapAbove` portfolios whose
 * alignment gap score is above `value`; `forecastBelow` project and portfolio forecasts whose
 * chance to finish by the due date is below `value`; `sourceStale` sources not synced for `hours`
 * hours before the snapshot (or never). `id` names the rule's kept state; by default it is made
 * from the kind and its figure (ruleId), so changing the figure starts the rule afresh.
 */
export const AlertRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('projectOffTrack'), id: RuleIdSchema }).strict(),
  z.object({ kind: z.literal('portfolioGapAbove'), value: z.number().min(0).max(1), id: RuleIdSchema }).strict(),
  z.object({ kind: z.literal('forecastBelow'), value: z.number().gt(0).max(1), id: RuleIdSchema }).strict(),
  z.object({ kind: z.literal('sourceStale'), hours: z.number().positive().max(24 * 366), id: RuleIdSchema }).strict(),
]);

export type AlertRule = z.infer<typeof AlertRuleSchema>;

/** The id a rule's state is kept under: its own, or `<kind>` with its figure (`forecastBelow:0.5`). */
export function ruleId(rule: AlertRule): string {
  if (rule.id !== undefined) return rule.id;
  if (rule.kind === 'projectOffTrack') return rule.kind;
  return `${rule.kind}:${rule.kind === 'sourceStale' ? rule.hours : rule.value}`;
}

/** The `alerts` key of the config: a list of rules, none by default; two rules may not share an id. */
export const AlertsBlockSchema = z
  .array(AlertRuleSchema)
  .default([])
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      const id = ruleId(rule);
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate alert rule id "${id}"` });
      seen.add(id);
    });
  });
