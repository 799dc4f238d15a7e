import * as z from 'zod';
import { ForecastsDocSchema, type ForecastsDoc } from './forecasts-document.ts';
import { ProjectPlanSchema } from './plan.ts';
import { DoneDatingSchema } from './done-dating.ts';
import { ProjectMixesSchema } from './alignment-projects.ts';
import { TaskUrlSchema } from './task-url.ts';
import { KpiDirectionSchema } from './kpi-direction.ts';

export { ForecastsDocSchema, type Forecast, type ForecastsDoc } from './forecasts-document.ts';

/**
 * The published JSON: the data product the site and data teams read.
 * Bump SCHEMA_VERSION on any breaking change; adding optional fields is not one.
 */
export const SCHEMA_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const num = z.number().nullable();

export const KpiDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.enum(['ratio', 'hours', 'index', 'days', 'count']),
  /** Whether a larger value is better; the site colours and sorts by it. */
  higherIsBetter: z.boolean(),
  /**
   * Which way is better: `higher`, `lower` or `towardOne` (best at 1; then `higherIsBetter` is
   * false). Absent in snapshots before it existed; the snapshot reader fills it in (kpi-direction.ts).
   */
  direction: KpiDirectionSchema.optional(),
  description: z.string(),
  formula: z.string(),
  /**
   * How PMs are compared on it: `rate` (a share of n trials, funnel limits), `normalised` (a mean,
   * percentile or index that does not grow with the size of the PM's work, interval limits) or
   * `count` (grows with size: published, never ranked). Absent in snapshots before it existed.
   */
  comparison: z.enum(['rate', 'normalised', 'count']).optional(),
  /** False for counts that grow with size: no percentile, no signal, no area, never the weakest KPI. */
  ranked: z.boolean().optional(),
});

/** Against the company's noise limits at this PM's n: beyond the 95 % limit on the good or bad side, or within. */
export const SignalSchema = z.enum(['better', 'worse', 'within']);

export const KpiValueSchema = z.object({
  /** null when the PM has no data for it (e.g. no task due in the window). */
  value: num,
  /** Sample size the value rests on (tasks due, projects, entries...). */
  n: z.number().int().nonnegative(),
  /** True when n is below the small-sample threshold: do not read much into it. */
  smallSample: z.boolean(),
  /** Share of PMs this value beats or ties, 0..100, direction-adjusted (100 = best). */
  percentile: num.optional(),
  /** Rates only: the value shrunk toward the company mean (empirical Bayes), used for ranking. */
  shrunk: num.optional(),
  /** Rates only: successes behind the rate (e.g. tasks on time), for funnel plots. */
  successes: z.number().int().nonnegative().optional(),
  /** The amount the noise limits scale with when it is not n (throughput per person-week: the person-weeks). */
  weight: z.number().nonnegative().optional(),
  /**
   * Ranked KPIs only: what the value is compared with. Rates: the pooled company rate. Other
   * ranked KPIs: the weighted mean of the other PMs (for a KPI best at 1, of their distance from 1).
   */
  target: num.optional(),
  /** Ranked KPIs only: the standard error at this PM's n (or weight): rates √(p(1 − p)/n), others sd of the other PMs ÷ √w. */
  se: num.optional(),
  /** Ranked KPIs only: (value − target) ÷ se, direction-adjusted (positive = better); null when there is nothing to compare with. */
  deviation: num.optional(),
  /**
   * Ranked KPIs only: how many standard errors the 95 % and 99.8 % limits lie from the target:
   * 1.96 and 3.09 for rates, Student's t with (other PMs − 1) degrees of freedom for the others.
   */
  limit95: num.optional(),
  limit998: num.optional(),
  /** Ranked KPIs only: `better`/`worse` when |deviation| > limit95 (beyond the 95 % limit), else `within`. */
  signal: SignalSchema.optional(),
  /** Ranked KPIs only: true when the value is also beyond the 99.8 % limit (|deviation| > limit998). */
  beyond998: z.boolean().optional(),
  /** Throughput KPIs in story points only: tasks done without story points, left out of the value (n counts the pointed ones). */
  unpointed: z.number().int().nonnegative().optional(),
  /** With `unpointed`: its share of the tasks done, unpointed ÷ (n + unpointed); null when none was done. */
  unpointedShare: z.number().min(0).max(1).nullable().optional(),
  /** Why the value is null although the PM has work: an input the source cannot give (e.g. hours, on a plan without time tracking). */
  unavailable: z.string().optional(),
});

/** What throughput and forecasts count (config `kpi.unit`): tasks, or their story points. Absent in older snapshots: items. */
export const CountUnitSchema = z.enum(['items', 'points']);

/** Control limits of a funnel plot at one sample size: mean ± z·√(p(1−p)/n). */
export const FunnelLimitSchema = z.object({
  n: z.number().int().positive(),
  lower95: z.number(),
  upper95: z.number(),
  lower998: z.number(),
  upper998: z.number(),
});

export const CompanyStatSchema = z.object({
  mean: num,
  median: num,
  p25: num.optional(),
  p75: num.optional(),
  /** PMs with a value. */
  n: z.number().int().nonnegative().optional(),
  /** Rates only: pooled rate and limits at sample sizes spanning the PMs' n. */
  funnel: z.object({ target: z.number(), limits: z.array(FunnelLimitSchema) }).optional(),
});

/** A competency area: a group of KPIs scored together (e.g. delivery, cost, flow, team, quality). */
export const AreaDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kpis: z.array(z.string()),
});

/** One PM's score in an area: 100 = the company average, higher is better. */
export const AreaScoreSchema = z.object({ id: z.string(), score: num });

/**
 * Marks the as-of month or quarter when it stops before its own last day: it holds fewer days
 * than a whole one, so it is drawn as partial and not compared with a whole period.
 * Absent on a complete period.
 */
const partialPeriodFields = {
  /** True on a period that ends on the as-of date before its own last day. */
  partial: z.literal(true).optional(),
  /** With `partial`: the last day counted (the as-of date). */
  to: isoDate.optional(),
};

/** A published month's or quarter's label and, when partial, its mark: what kpi writes and the site reads. */
export const PeriodFieldsSchema = z.object({ period: z.string(), ...partialPeriodFields });
export type PeriodFields = z.infer<typeof PeriodFieldsSchema>;

export const PeriodValuesSchema = z.object({
  /** `YYYY-MM` for months, `YYYY-Qn` for quarters. */
  period: z.string(),
  ...partialPeriodFields,
  values: z.record(z.string(), KpiValueSchema),
});

/** A task that drives a PM's weakest KPI, for drill-down. */
export const DriverTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  projectId: z.string(),
  status: z.string(),
  dueOn: z.string().optional(),
  doneAt: z.string().optional(),
  estimateHours: z.number().optional(),
  spentHours: z.number().optional(),
  /**
   * Where spentHours comes from, on the 'estimate' and 'overrun' lists: the task's time entries
   * dated by the as-of date, or the source's own total for a task no time entry names. Absent on
   * other lists, whose spentHours is the source's total as synced.
   */
  spentFrom: z.enum(['entries', 'sourceTotal']).optional(),
  /** Why it is listed, e.g. "done 12 days late" or "2.3× its estimate". */
  reason: z.string(),
});

export const ManagersDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  asOf: isoDate,
  window: z.object({ from: isoDate, to: isoDate }),
  /** What the throughput KPIs count; absent: items. */
  unit: CountUnitSchema.optional(),
  kpis: z.array(KpiDefinitionSchema),
  managers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      projectIds: z.array(z.string()),
      values: z.record(z.string(), KpiValueSchema),
      /** Scores per competency area (see `areas`). */
      areas: z.array(AreaScoreSchema).optional(),
      /** KPI values per calendar month over the last 12 months, oldest first. */
      months: z.array(PeriodValuesSchema).optional(),
      /** KPI values per quarter, oldest first. */
      quarters: z.array(PeriodValuesSchema).optional(),
      /**
       * The ranked KPI furthest beyond its 95 % limit on the bad side (largest −deviation − limit95,
       * in standard errors); null when every ranked KPI is within its limits. Absent in older snapshots.
       */
      weakestKpi: z.string().nullable().optional(),
      /** The weakest KPI (as `weakestKpi`) and the tasks that drive it; absent when there is none. */
      drivers: z.object({ kpi: z.string(), tasks: z.array(DriverTaskSchema) }).optional(),
    }),
  ),
  company: z.record(z.string(), CompanyStatSchema),
  areas: z.array(AreaDefinitionSchema).optional(),
  /** Company mean per KPI per month, aligned with each manager's `months`. */
  companyMonths: z.array(z.object({ period: z.string(), ...partialPeriodFields, values: z.record(z.string(), CompanyStatSchema) })).optional(),
});

export const EvmSchema = z.object({
  bac: z.number(),
  pv: z.number(),
  ev: z.number(),
  ac: z.number(),
  spi: num,
  cpi: num,
  sv: num.optional(),
  cv: num.optional(),
  eac: num.optional(),
  etc: num.optional(),
  vac: num.optional(),
  tcpi: num.optional(),
  /** The same figures in currency where people have a configured rate. */
  currency: z.object({ pv: z.number(), ev: z.number(), ac: z.number(), bac: z.number(), code: z.string().optional() }).optional(),
});

export const HealthSchema = z.enum(['on_track', 'at_risk', 'off_track', 'not_reported']);

/** One portfolio rolled up over its projects: figures are sums over them, health from the summed EVM. */
export const PortfolioSchema = z.object({
  /** The portfolio's name; `(none)` gathers the projects without a portfolio. */
  name: z.string(),
  /** Projects in the portfolio. */
  projects: z.number().int(),
  /** Hours logged in the window on its projects. */
  hours: z.number(),
  /** Distinct people (after alias joining) who logged the hours beside it in the window; a reader hides hours over fewer than `privacy.minGroup` of them (docs/published-json.md, "Roles on the site"). */
  people: z.number().int().optional(),
  /** Distinct people who logged any hours up to the as-of date: those behind `evm.ac`. */
  peopleToDate: z.number().int().optional(),
  evm: EvmSchema,
  health: HealthSchema,
  /** Why the health is what it is, e.g. "CPI 0.81 < 0.85". */
  healthReason: z.string().optional(),
  /** Set when some of its projects' hours are unavailable at the source: `hours` and `evm.ac` leave them out, and the figures built on hours are null. */
  hoursUnavailable: z.string().optional(),
  /** Set when some of its projects' sources have no estimates in hours (no cost baseline): SPI, CPI, SV, CV, EAC, ETC, VAC and TCPI are null and health is not reported. */
  hourEstimatesUnavailable: z.string().optional(),
});

/** A project's earned value (hours) at one month end: the as-of month ends on the as-of date and is partial unless that is its last day. */
export const EvmMonthSchema = z.object({ period: z.string(), ...partialPeriodFields, pv: z.number(), ev: z.number(), ac: z.number() });

/** A task of a project that matches no theme, with its hours in the window. */
export const UnalignedTaskSchema = z.object({ id: z.string(), title: z.string(), hours: z.number() });

export const ProjectsDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  asOf: isoDate,
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string(),
      pmId: z.string().nullable(),
      /** What decided the PM: `projectRules[N]` (that rule), `fields.pm` (the source's PM field) or `source` (Jira lead, Asana owner). */
      pmFrom: z.string().nullable().optional(),
      portfolio: z.string().nullable(),
      tasks: z.number().int(),
      doneTasks: z.number().int(),
      hours: z.number(),
      /** Distinct people (after alias joining) who logged the hours beside it in the window; a reader hides hours over fewer than `privacy.minGroup` of them (docs/published-json.md, "Roles on the site"). */
      people: z.number().int().optional(),
      /** Distinct people who logged any hours up to the as-of date: those behind `evm.ac`. */
      peopleToDate: z.number().int().optional(),
      evm: EvmSchema,
      health: HealthSchema.optional(),
      /** Why the health is what it is, e.g. "SPI 0.82 < 0.9". */
      healthReason: z.string().optional(),
      /** Set when the source cannot give the project's hours (e.g. an Asana plan without time tracking): `hours` and `evm.ac` are not 0 h of work, and CPI, CV, EAC, ETC, VAC and TCPI are null. */
      hoursUnavailable: z.string().optional(),
      /** Set when the source has no estimates in hours (e.g. Linear, whose estimates are points): BAC, PV and EV are 0 for want of a baseline, not plan, so SPI, CPI, SV, CV, EAC, ETC, VAC and TCPI are null and health is `not_reported`. */
      hourEstimatesUnavailable: z.string().optional(),
      plan: ProjectPlanSchema.optional(),
      /** Up to 10 tasks due in the window and not done by their due day, the most days late first. */
      lateTasks: z.array(DriverTaskSchema).optional(),
      /** PV, EV and AC in hours at each month end of the calendar's months, oldest first; the last equals `evm`. */
      evmMonths: z.array(EvmMonthSchema).optional(),
      /** Up to 10 tasks with the most hours in the window that match no theme, the most hours first. */
      unalignedTasks: z.array(UnalignedTaskSchema).optional(),
    }),
  ),
  /** Deprecated: the same roll-ups as portfolios.json, kept for schemaVersion 1 readers. */
  portfolios: z
    .array(PortfolioSchema)
    .optional()
    .meta({
      deprecated: true,
      description: 'Deprecated: moves to portfolios.json (the same figures); removed at schemaVersion 2.',
    }),
});

export const PortfoliosDocSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    asOf: isoDate,
    /** Portfolios by name, the catch-all `(none)` for projects without a portfolio last. */
    portfolios: z.array(PortfolioSchema),
  })
  .meta({ description: 'Earned value and health per portfolio, rolled up over its projects (see projects.json for each project).' });

export const ThemeShareSchema = z.object({
  id: z.string(),
  name: z.string(),
  target: z.number(),
  actual: z.number(),
  hours: z.number(),
  /** Distinct people (after alias joining) who logged the hours beside it in the window; a reader hides hours over fewer than `privacy.minGroup` of them (docs/published-json.md, "Roles on the site"). */
  people: z.number().int().optional(),
});

/** One month of a portfolio's or a PM's theme mix; gapScore is null in a month without hours. */
const MonthMixSchema = z.object({
  period: z.string(),
  ...partialPeriodFields,
  totalHours: z.number(),
  unalignedHours: z.number(),
  gapScore: z.number().nullable(),
  /** `target` (a PM's months only): the PM's target that month, weighted by the month's hours per portfolio. */
  themes: z.array(z.object({ id: z.string(), hours: z.number(), actual: z.number(), target: z.number().optional() })),
});

/** How much a portfolio weighs in a PM's targets: the PM's hours in it over the window and its share (of hours, or of projects without hours). */
const TargetWeightSchema = z.object({ portfolio: z.string(), hours: z.number(), weight: z.number() });

export const AlignmentDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  asOf: isoDate,
  window: z.object({ from: isoDate, to: isoDate }),
  totalHours: z.number(),
  unalignedHours: z.number(),
  unalignedShare: z.number(),
  /** Half the sum of |actual − target| over themes (unaligned counted with target 0): 0 = on target, 1 = fully off. */
  gapScore: z.number(),
  /** Distinct people behind `unalignedHours`. */
  unalignedPeople: z.number().int().optional(),
  /** Distinct people (after alias joining) who logged the hours beside it in the window; a reader hides hours over fewer than `privacy.minGroup` of them (docs/published-json.md, "Roles on the site"). */
  people: z.number().int().optional(),
  themes: z.array(ThemeShareSchema),
  /** Definitions of the theme share and the gap score, shown beside the alignment charts. */
  definitions: z.array(KpiDefinitionSchema).optional(),
  /** The mix per month, oldest first (for a 100% stacked chart). */
  months: z
    .array(z.object({ period: z.string(), ...partialPeriodFields, totalHours: z.number(), unalignedHours: z.number(), themes: z.array(z.object({ id: z.string(), hours: z.number(), actual: z.number() })) }))
    .optional(),
  /** The same shares per PM, over the window, and the PM's mix per month. */
  managers: z
    .array(
      z.object({
        id: z.string(), totalHours: z.number(), unalignedHours: z.number(), gapScore: z.number(),
        people: z.number().int().optional(),
        unalignedPeople: z.number().int().optional(),
        /** `target`: the PM's own, Σ over portfolios of weight × that portfolio's target (see targetWeights). */
        themes: z.array(ThemeShareSchema),
        targetWeights: z.array(TargetWeightSchema).optional(),
        months: z.array(MonthMixSchema).optional(),
      }),
    )
    .optional(),
  /** Projects with the most unaligned hours in the window, largest first. */
  unalignedWork: z.array(z.object({ projectId: z.string(), name: z.string(), pmId: z.string().nullable(), hours: z.number(), people: z.number().int().optional() })).optional(),
  /** Each project's hours per theme over the window (the projects × themes matrix of a portfolio). */
  projects: ProjectMixesSchema,
  portfolios: z.array(
    z.object({
      name: z.string(),
      totalHours: z.number(),
      unalignedHours: z.number(),
      gapScore: z.number(),
      people: z.number().int().optional(),
      unalignedPeople: z.number().int().optional(),
      /** `target`: the portfolio's own target where the config gives one, else the company's. */
      themes: z.array(ThemeShareSchema),
      /** `portfolio` when the config sets targets for this portfolio (`portfolioTargets`), `company` when it takes the company's. */
      targetsFrom: z.enum(['portfolio', 'company']).optional(),
      /** The portfolio's mix per month, oldest first, aligned with the company's `months`. */
      months: z.array(MonthMixSchema).optional(),
    }),
  ),
});

/**
 * One implausible input the KPI engine noticed (see docs/kpi-catalogue.md, "Data quality flags"):
 * the figure that crossed the threshold and the records behind it, so someone can go and fix them.
 */
const findingBase = { message: z.string(), figure: z.number(), threshold: z.number() };
export const QualityFindingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('personWeekHours'),
    ...findingBase,
    records: z.object({
      personId: z.string(),
      personName: z.string(),
      /** ISO week, e.g. `2026-W05`, and its Monday. */
      week: z.string(),
      weekStart: isoDate,
      hours: z.number(),
      /** Up to 10 time entries: the one that took the week over the threshold, then later ones, in the order read. */
      entryIds: z.array(z.string()),
    }),
  }),
  z.object({
    kind: z.literal('entryHours'),
    ...findingBase,
    records: z.object({ entryId: z.string(), personId: z.string(), personName: z.string(), date: isoDate, hours: z.number() }),
  }),
  z.object({
    kind: z.literal('teamUtilization'),
    ...findingBase,
    records: z.object({ pmId: z.string(), pmName: z.string(), period: z.string(), utilization: z.number(), teamSize: z.number().int() }),
  }),
  z.object({
    kind: z.literal('noMovesToDone'),
    ...findingBase,
    records: z.object({ source: z.string(), statusChanges: z.number().int(), movesToDone: z.number().int() }),
  }),
]);

/** Accounts that look like one person, and the `people[]` config entry that would join them. */
export const IdentitySuggestionSchema = z.object({
  /** Why they look alike: `sameName`, `sameEmailLocalPart`, `knownPerson` (an account like a configured person's). */
  reasons: z.array(z.enum(['sameName', 'sameEmailLocalPart', 'knownPerson'])),
  message: z.string(),
  /** The unmatched accounts: the identity id, its name, and the source record ids behind it. */
  accounts: z.array(z.object({ id: z.string(), name: z.string(), recordIds: z.array(z.string()) })),
  /** The configured person they would join, when there is one. */
  personId: z.string().optional(),
  /** The `people[]` entry, one line of JSON, to paste into the config (replacing `personId`'s entry when set). */
  config: z.string(),
});

/**
 * How the accounts seen as PMs or in time entries were joined to people, and the accounts the
 * source shows as deleted or deactivated (Jira's "Former user"), whose hours stay under a stable id.
 */
export const IdentityReportSchema = z.object({
  /** Accounts joined through `people[].aliases` (by account id), by e-mail, or not at all (each stands for itself). */
  accounts: z.object({ byAlias: z.number().int(), byEmail: z.number().int(), unmatched: z.number().int() }),
  formerAccounts: z.array(
    z.object({
      /** The source record id (`<source>:<accountId>`). */
      recordId: z.string(),
      name: z.string(),
      /** The person its hours count for: a configured person an alias joins it to, else the account itself. */
      personId: z.string(),
      matched: z.boolean(),
      /** That person's hours in the window (all of their accounts). */
      hoursInWindow: z.number(),
    }),
  ),
});

export const QualityDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generatedAt: z.string(),
  sources: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      lastSyncAt: z.string().nullable(),
      ok: z.boolean(),
      error: z.string().optional(),
      records: z.record(z.string(), z.number()),
      quarantined: z.number().int(),
      /** True when the last run stopped at its deadline part-way through a read: the next run goes on, and until it finishes the source's records are incomplete. Absent otherwise. */
      readInProgress: z.literal(true).optional(),
      /** Data the source cannot give, with the reason (`hours`: its plan lacks time tracking; `hourEstimates`: its estimates are not hours, so no cost baseline): shown as unavailable, never as 0. */
      unavailable: z.object({ hours: z.string().optional(), hourEstimates: z.string().optional() }).optional(),
      /** Web address of one of the source's tasks: `{id}` is the task's id in the source, `{projectId}` its project's. Absent for sources without task pages. */
      taskUrl: TaskUrlSchema,
    }),
  ),
  quarantine: z.array(z.object({ source: z.string(), kind: z.string(), recordId: z.string(), reason: z.string() })),
  /** Source people who appear in time entries or as PMs but match no configured person override. */
  unmatchedIdentities: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Implausible inputs, by kind then largest figure first; each kind capped (see `findingsOmitted`). */
  findings: z.array(QualityFindingSchema).optional(),
  /** Findings left out of `findings` by the cap, per kind. */
  findingsOmitted: z.record(z.string(), z.number().int()).optional(),
  identitySuggestions: z.array(IdentitySuggestionSchema).optional(),
  identities: IdentityReportSchema.optional(),
  /** Per source, which rule dated its done tasks. */
  doneDating: z.array(DoneDatingSchema).optional(),
});

export const LatestSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  snapshot: z.string(),
  generatedAt: z.string(),
  asOf: isoDate,
  /** File names inside `snapshots/<snapshot>/`. */
  documents: z.array(z.string()),
});

export type KpiDefinition = z.infer<typeof KpiDefinitionSchema>;
export type KpiValue = z.infer<typeof KpiValueSchema>;
export type Signal = z.infer<typeof SignalSchema>;
export type ManagersDoc = z.infer<typeof ManagersDocSchema>;
export type ProjectsDoc = z.infer<typeof ProjectsDocSchema>;
export type Portfolio = z.infer<typeof PortfolioSchema>;
export type PortfoliosDoc = z.infer<typeof PortfoliosDocSchema>;
export type AlignmentDoc = z.infer<typeof AlignmentDocSchema>;
export type QualityDoc = z.infer<typeof QualityDocSchema>;
export type QualityFinding = z.infer<typeof QualityFindingSchema>;
export type IdentitySuggestion = z.infer<typeof IdentitySuggestionSchema>;
export type IdentityReport = z.infer<typeof IdentityReportSchema>;
export type Latest = z.infer<typeof LatestSchema>;
export type CompanyStat = z.infer<typeof CompanyStatSchema>;
export type AreaDefinition = z.infer<typeof AreaDefinitionSchema>;
export type DriverTask = z.infer<typeof DriverTaskSchema>;
export type Health = z.infer<typeof HealthSchema>;

/** The documents of one snapshot, by file name. */
export const documentSchemas = {
  'managers.json': ManagersDocSchema,
  'projects.json': ProjectsDocSchema,
  'portfolios.json': PortfoliosDocSchema,
  'alignment.json': AlignmentDocSchema,
  'quality.json': QualityDocSchema,
  'forecasts.json': ForecastsDocSchema,
} as const;

export interface SnapshotDocuments {
  'managers.json': ManagersDoc;
  'projects.json': ProjectsDoc;
  'portfolios.json': PortfoliosDoc;
  'alignment.json': AlignmentDoc;
  'quality.json': QualityDoc;
  'forecasts.json': ForecastsDoc;
}
