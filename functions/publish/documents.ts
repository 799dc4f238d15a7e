import * as z from 'zod';

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
  description: z.string(),
  formula: z.string(),
});

export const KpiValueSchema = z.object({
  /** null when the PM has no data for it (e.g. no task due in the window). */
  value: num,
  /** Sample size the value rests on (tasks due, projects, entries...). */
  n: z.number().int().nonnegative(),
  /** True when n is below the small-sample threshold: do not read much into it. */
  smallSample: z.boolean(),
});

export const CompanyStatSchema = z.object({ mean: num, median: num });

export const ManagersDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  asOf: isoDate,
  window: z.object({ from: isoDate, to: isoDate }),
  kpis: z.array(KpiDefinitionSchema),
  managers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      projectIds: z.array(z.string()),
      values: z.record(z.string(), KpiValueSchema),
    }),
  ),
  company: z.record(z.string(), CompanyStatSchema),
});

export const EvmSchema = z.object({
  bac: z.number(),
  pv: z.number(),
  ev: z.number(),
  ac: z.number(),
  spi: num,
  cpi: num,
});

export const ProjectsDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  asOf: isoDate,
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string(),
      pmId: z.string().nullable(),
      portfolio: z.string().nullable(),
      tasks: z.number().int(),
      doneTasks: z.number().int(),
      hours: z.number(),
      evm: EvmSchema,
    }),
  ),
});

export const ThemeShareSchema = z.object({
  id: z.string(),
  name: z.string(),
  target: z.number(),
  actual: z.number(),
  hours: z.number(),
});

export const AlignmentDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  asOf: isoDate,
  window: z.object({ from: isoDate, to: isoDate }),
  totalHours: z.number(),
  unalignedHours: z.number(),
  unalignedShare: z.number(),
  /** Half the sum of |actual − target| over themes (unaligned counted with target 0): 0 = on target, 1 = fully off. */
  gapScore: z.number(),
  themes: z.array(ThemeShareSchema),
  /** Definitions of the theme share and the gap score, shown beside the alignment charts. */
  definitions: z.array(KpiDefinitionSchema).optional(),
  portfolios: z.array(
    z.object({
      name: z.string(),
      totalHours: z.number(),
      unalignedHours: z.number(),
      gapScore: z.number(),
      themes: z.array(ThemeShareSchema),
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
    }),
  ),
  quarantine: z.array(z.object({ source: z.string(), kind: z.string(), recordId: z.string(), reason: z.string() })),
  /** Source people who appear in time entries or as PMs but match no configured person override. */
  unmatchedIdentities: z.array(z.object({ id: z.string(), name: z.string() })),
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
export type ManagersDoc = z.infer<typeof ManagersDocSchema>;
export type ProjectsDoc = z.infer<typeof ProjectsDocSchema>;
export type AlignmentDoc = z.infer<typeof AlignmentDocSchema>;
export type QualityDoc = z.infer<typeof QualityDocSchema>;
export type Latest = z.infer<typeof LatestSchema>;

/** The documents of one snapshot, by file name. */
export const documentSchemas = {
  'managers.json': ManagersDocSchema,
  'projects.json': ProjectsDocSchema,
  'alignment.json': AlignmentDocSchema,
  'quality.json': QualityDocSchema,
} as const;

export interface SnapshotDocuments {
  'managers.json': ManagersDoc;
  'projects.json': ProjectsDoc;
  'alignment.json': AlignmentDoc;
  'quality.json': QualityDoc;
}
