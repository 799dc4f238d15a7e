import * as z from 'zod';
import { checkProjectRules, ProjectRulesSchema } from './project-rules.ts';
import { SourceFieldsSchema } from './source-fields.ts';
import { AsanaStoryPointsFieldSchema, JiraStoryPointsFieldSchema, KpiUnitSchema } from './story-points.ts';
import { jiraAuthFields } from './jira-auth.ts';
import { asanaPortfolioFields } from './asana-portfolios.ts';
import { PvBasisSchema } from './kpi-plan.ts';
import { sourceUrl } from './source-url.ts';
import { PrivacyBlockSchema } from './privacy.ts';
import { DigestBlockSchema } from './digest.ts';
import { AlertsBlockSchema } from './alerts.ts';
import { AzureDevOpsSourceSchema } from './azure-devops.ts';
import { checkLinearTimesheets, LinearSourceSchema } from './linear.ts';
import { csvIssueKeyFields } from './csv-issue-keys.ts';

/**
 * `pmpulse.config.json`. Tokens never live here: a source names the environment
 * variable that holds its token (`tokenEnv`).
 */

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');
const sourceName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');

export const EmbeddedStoreSchema = z.object({
  type: z.literal('embedded'),
  /** Directory that holds the embedded DynamoDB-compatible store's files. */
  dir: z.string().default('.pmpulse/db'),
  table: z.string().min(3).default('pmpulse'),
});

export const DynamoStoreSchema = z.object({
  type: z.literal('dynamodb'),
  table: z.string().min(3),
  region: z.string().optional(),
  endpoint: z.url().optional(),
});

export const StoreConfigSchema = z.discriminatedUnion('type', [EmbeddedStoreSchema, DynamoStoreSchema]);

/** Snapshots older than this are pruned after each publish (never the one latest.json names). */
const retentionDays = z.number().int().min(1).max(3650).optional();

export const DirReportsSchema = z.object({
  type: z.literal('dir'),
  dir: z.string().default('.pmpulse/reports'),
  retentionDays,
});

export const S3ReportsSchema = z.object({
  type: z.literal('s3'),
  bucket: z.string().min(3),
  prefix: z.string().default(''),
  endpoint: z.url().optional(),
  region: z.string().optional(),
  retentionDays,
});

export const ReportsConfigSchema = z.discriminatedUnion('type', [DirReportsSchema, S3ReportsSchema]);

export const JiraSourceSchema = z.object({
  type: z.literal('jira'),
  name: sourceName,
  baseUrl: sourceUrl,
  email: z.string().min(3),
  tokenEnv: envName,
  jql: z.string().min(1).optional(),
  /** Story-point field(s) by id or name; both default names discovered from /rest/api/3/field when absent (story-points.ts). */
  storyPointsField: JiraStoryPointsFieldSchema.optional(),
  fields: SourceFieldsSchema.optional(),
  ...jiraAuthFields,
});

export const AsanaSourceSchema = z.object({
  type: z.literal('asana'),
  name: sourceName,
  baseUrl: sourceUrl.default('https://app.asana.com/api/1.0'),
  tokenEnv: envName,
  workspace: z.string().optional(),
  fields: SourceFieldsSchema.optional(),
  storyPointsField: AsanaStoryPointsFieldSchema.optional(),
  ...asanaPortfolioFields,
  /**
   * Read each dated task's stories for its due-date history (baselines, re-plans): one request per
   * dated task on a first sync, per changed one later. `false` spares them; every task's baseline
   * is then its current due date. Default true.
   */
  dueDateHistory: z.boolean().optional(),
});

/** A column of a timesheet export, or several joined by a space (Harvest's "First Name" + "Last Name"). */
const csvColumn = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const CsvSourceSchema = z
  .object({
    type: z.literal('csv'),
    name: sourceName,
    /** Files need no token: a source without `tokenEnv` is read without credentials. */
    tokenEnv: envName.optional(),
    /** A .csv file, or a folder whose .csv files are all read. */
    path: z.string().min(1),
    /** Column names of a known export; `columns` overrides any of them. */
    preset: z.enum(['harvest', 'toggl', 'clockify', 'tempo']).optional(),
    columns: z
      .object({
        date: csvColumn,
        person: csvColumn,
        /** An email column beside a name column (Toggl, Clockify): people are matched by it. */
        email: csvColumn.optional(),
        /** A number in `hoursUnit`. */
        hours: csvColumn.optional(),
        /** `1:30`, `01:30:00`, `1h 30m`, `90m` or a decimal number of hours. */
        duration: csvColumn.optional(),
        project: csvColumn,
        task: csvColumn.optional(),
      })
      .partial()
      .default({}),
    /** How dates are written: YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY; a time after the date is ignored. */
    dateFormat: z.string().regex(/^(YYYY|MM|DD)[-/.](YYYY|MM|DD)[-/.](YYYY|MM|DD)$/, 'YYYY, MM and DD joined by - / or .').optional(),
    hoursUnit: z.enum(['hours', 'minutes', 'seconds']).default('hours'),
    delimiter: z.string().length(1).default(','),
    /**
     * Timesheet project (key or name, any case) → project record id in another source, e.g.
     * `{"PAY": "jira-main:10000"}`. Names not listed become projects of this source.
     */
    projects: z.record(z.string(), z.string().min(1)).default({}),
    /** What to do with a row whose project is not in `projects`: make a project of this source, or quarantine the row. */
    unknownProject: z.enum(['create', 'quarantine']).default('create'),
    ...csvIssueKeyFields,
  })
  .strict();

export const SourceConfigSchema = z.discriminatedUnion('type', [JiraSourceSchema, AsanaSourceSchema, CsvSourceSchema, AzureDevOpsSourceSchema, LinearSourceSchema]);

export const ThemeSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  /** Share of effort leadership wants on this theme, 0..1. */
  target: z.number().min(0).max(1),
  /** A task belongs to the theme when one of its tags, its project's tags or its portfolio matches. */
  match: z.object({
    tags: z.array(z.string()).default([]),
    projects: z.array(z.string()).default([]),
    portfolios: z.array(z.string()).default([]),
  }),
});

/**
 * Targets per portfolio, overriding the themes' company-wide `target` for that portfolio:
 * portfolio name (as the source names it: Jira project category, Asana portfolio) → theme id →
 * share, e.g. `{"Growth": {"growth": 0.8, "platform": 0.1}}`. A theme a portfolio does not list,
 * and a portfolio not listed, keep the company's target. Keyed by portfolio, so the targets that
 * must add up to at most 1 sit together (checked below with the company's targets filled in).
 */
export const PortfolioTargetsSchema = z.record(z.string().min(1), z.record(z.string(), z.number().min(0).max(1))).default({});

export const PersonOverrideSchema = z.object({
  /** Canonical id used in reports, e.g. an email address. */
  id: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  /** Record ids in the sources that are this person, e.g. "jira-main:5b10a2844c20165700ede21g". */
  aliases: z.array(z.string()).default([]),
  capacityHoursPerWeek: z.number().positive().optional(),
  /** Cost per hour, for earned value in currency. */
  rate: z.number().nonnegative().optional(),
});

/** KPI settings; every field has a default (see functions/kpi/engine/settings.ts and docs/kpi-catalogue.md). */
export const KpiConfigSchema = z
  .object({
    /** Length of the trailing window in days, ending on the as-of date. */
    windowDays: z.number().int().min(1).max(3660).optional(),
    /** A value resting on fewer tasks than this is flagged as a small sample. */
    smallSampleN: z.number().int().min(1).optional(),
    /** Earned-value rule: the whole estimate when done, or half when started and half when done. */
    evmRule: z.enum(['0/100', '50/50']).optional(),
    pvBasis: PvBasisSchema,
    /** Capacity of a person without a configured capacityHoursPerWeek. */
    defaultCapacityHoursPerWeek: z.number().positive().optional(),
    /** Project health from min(SPI, CPI): at risk below atRiskBelow, off track below offTrackBelow. */
    health: z
      .object({ atRiskBelow: z.number().positive().optional(), offTrackBelow: z.number().positive().optional() })
      .strict()
      .optional(),
    /** Source statuses that mean "waiting for a decision" (case-insensitive; a trailing * matches any ending). */
    waitingStatuses: z.array(z.string().min(1)).min(1).optional(),
    /** ISO 4217 code of people[].rate, shown beside earned value in currency. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as EUR').optional(),
    /**
     * The zone every day-based figure is taken in (done day, due comparison, created day, status
     * changes, worklog days, periods, the as-of cut-off). Without it, the day as the source wrote it.
     */
    timeZone: z.string().refine(isIanaTimeZone, 'an IANA time zone name such as America/New_York').optional(),
    unit: KpiUnitSchema.optional(),
  })
  .strict();

/** Whether Intl knows the zone by that name; fixed offsets such as "+05:30" are not zone names. */
function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Monte Carlo completion forecasts (see docs/forecasts.md). */
export const ForecastConfigSchema = z
  .object({
    trials: z.number().int().min(100).max(1_000_000).optional(),
    /** Weeks of throughput history the trials resample. */
    historyWeeks: z.number().int().min(2).max(104).optional(),
    seed: z.number().int().optional(),
    /** Fewer items done in the history window than this: no forecast, with the reason. */
    minDone: z.number().int().min(1).optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    store: StoreConfigSchema.default({ type: 'embedded', dir: '.pmpulse/db', table: 'pmpulse' }),
    reports: ReportsConfigSchema.default({ type: 'dir', dir: '.pmpulse/reports' }),
    sources: z.array(SourceConfigSchema).default([]),
    themes: z.array(ThemeSchema).default([]),
    portfolioTargets: PortfolioTargetsSchema,
    people: z.array(PersonOverrideSchema).default([]),
    projectRules: ProjectRulesSchema,
    kpi: KpiConfigSchema.optional(),
    forecast: ForecastConfigSchema.optional(),
    privacy: PrivacyBlockSchema,
    digest: DigestBlockSchema,
    alerts: AlertsBlockSchema,
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.sources.forEach((source, index) => {
      if (seen.has(source.name)) {
        ctx.addIssue({ code: 'custom', path: ['sources', index, 'name'], message: `duplicate source name "${source.name}"` });
      }
      seen.add(source.name);
    });
    const targetSum = config.themes.reduce((sum, theme) => sum + theme.target, 0);
    if (targetSum > 1 + 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['themes'], message: `theme targets add up to ${targetSum.toFixed(3)}, more than 1` });
    }
    checkPortfolioTargets(config.themes, config.portfolioTargets, ctx);
    checkProjectRules(config, ctx);
    checkLinearTimesheets(config.sources, ctx);
  });

/** Every theme id a portfolio names must be a theme, and its targets (the company's where it lists none) add up to at most 1. */
function checkPortfolioTargets(themes: readonly Theme[], targets: PortfolioTargets, ctx: z.RefinementCtx): void {
  const known = new Set(themes.map((theme) => theme.id));
  for (const [portfolio, own] of Object.entries(targets)) {
    for (const id of Object.keys(own)) {
      if (!known.has(id)) {
        const ids = themes.length ? themes.map((theme) => theme.id).join(', ') : 'none configured';
        ctx.addIssue({ code: 'custom', path: ['portfolioTargets', portfolio, id], message: `unknown theme "${id}" (themes: ${ids})` });
      }
    }
    const sum = themes.reduce((total, theme) => total + (own[theme.id] ?? theme.target), 0);
    if (sum > 1 + 1e-9) {
      const filled = themes.filter((theme) => own[theme.id] === undefined).map((theme) => theme.id);
      const note = filled.length ? ` (with the company's target for ${filled.join(', ')})` : '';
      ctx.addIssue({ code: 'custom', path: ['portfolioTargets', portfolio], message: `targets add up to ${sum.toFixed(3)}${note}, more than 1` });
    }
  }
}

export type Config = z.infer<typeof ConfigSchema>;
export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type JiraSourceConfig = z.infer<typeof JiraSourceSchema>;
export type AsanaSourceConfig = z.infer<typeof AsanaSourceSchema>;
export type CsvSourceConfig = z.infer<typeof CsvSourceSchema>;
export type { LinearSourceConfig } from './linear.ts';
export type StoreConfig = z.infer<typeof StoreConfigSchema>;
export type ReportsConfig = z.infer<typeof ReportsConfigSchema>;
export type Theme = z.infer<typeof ThemeSchema>;
export type PortfolioTargets = z.infer<typeof PortfolioTargetsSchema>;
export type PersonOverride = z.infer<typeof PersonOverrideSchema>;
export type KpiConfig = z.infer<typeof KpiConfigSchema>;
