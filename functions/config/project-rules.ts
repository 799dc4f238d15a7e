import * as z from 'zod';

/**
 * `projectRules`: who a project's PM is and which portfolio it belongs to, when the source's own
 * answer (Jira project lead, Asana owner; Jira category, Asana portfolio) is not the company's.
 * Applied at compute time (functions/kpi/ownership/), so changing a rule needs no new sync.
 *
 * Precedence for a project's PM, first that gives one wins:
 *   1. the most specific matching rule with `pm`: a rule naming `project` beats one with a `name`
 *      pattern, which beats one naming a `category`, which beats a rule naming only a `source`;
 *      among rules equally specific, the first in the file;
 *   2. the source's PM field (`sources[].fields.pm`): Jira, the most common value over the
 *      project's issues; Asana, the project's people field;
 *   3. the source's own PM: the Jira project lead, the Asana project owner.
 * A project's portfolio: the most specific matching rule with `portfolio`, else the source's.
 */

export const ProjectRuleSchema = z
  .object({
    /** Every key given must hold. */
    match: z
      .object({
        /** A configured source name. */
        source: z.string().min(1).optional(),
        /** Project key (Jira `PAY`), source id (Jira project id, Asana gid) or record id (`jira:10000`), any case for a key. */
        project: z.string().min(1).optional(),
        /** The source's grouping: Jira project category, Asana portfolio name (any case). */
        category: z.string().min(1).optional(),
        /** A regular expression tested against the project name, ignoring case. */
        name: z.string().min(1).refine(isRegExp, 'not a valid regular expression').optional(),
      })
      .strict()
      .refine((match) => Object.keys(match).length > 0, 'name at least one of source, project, category, name'),
    /** A person: an id of `people[]` or a source person id `<source>:<account id>`. */
    pm: z.string().min(1).optional(),
    /** The portfolio the project belongs to (themes and portfolio targets match it). */
    portfolio: z.string().min(1).optional(),
  })
  .strict()
  .refine((rule) => rule.pm !== undefined || rule.portfolio !== undefined, 'a rule sets pm, portfolio or both');

export const ProjectRulesSchema = z.array(ProjectRuleSchema).default([]);

export type ProjectRule = z.infer<typeof ProjectRuleSchema>;

interface RuleContext {
  sources: readonly { name: string }[];
  people: readonly { id: string; aliases: readonly string[] }[];
  projectRules: readonly ProjectRule[];
}

/** Rules name configured sources, and people that `people[]` lists or a configured source could hold. */
export function checkProjectRules(config: RuleContext, ctx: z.RefinementCtx): void {
  const sources = new Set(config.sources.map((source) => source.name));
  const people = new Set(config.people.flatMap((person) => [person.id, ...person.aliases]));
  const sourceList = [...sources].join(', ') || 'none configured';
  config.projectRules.forEach((rule, index) => {
    const source = rule.match.source;
    if (source !== undefined && !sources.has(source)) {
      ctx.addIssue({ code: 'custom', path: ['projectRules', index, 'match', 'source'], message: `unknown source "${source}" (sources: ${sourceList})` });
    }
    if (rule.pm !== undefined && !people.has(rule.pm) && !(rule.pm.includes(':') && sources.has(rule.pm.slice(0, rule.pm.indexOf(':'))))) {
      ctx.addIssue({
        code: 'custom',
        path: ['projectRules', index, 'pm'],
        message: `"${rule.pm}" is neither a people[] id or alias nor <source>:<person id> of a configured source (sources: ${sourceList})`,
      });
    }
  });
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
