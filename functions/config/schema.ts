import * as z from 'zod';

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

export const DirReportsSchema = z.object({
  type: z.literal('dir'),
  dir: z.string().default('.pmpulse/reports'),
});

export const S3ReportsSchema = z.object({
  type: z.literal('s3'),
  bucket: z.string().min(3),
  prefix: z.string().default(''),
  endpoint: z.url().optional(),
  region: z.string().optional(),
});

export const ReportsConfigSchema = z.discriminatedUnion('type', [DirReportsSchema, S3ReportsSchema]);

export const JiraSourceSchema = z.object({
  type: z.literal('jira'),
  name: sourceName,
  baseUrl: z.url(),
  email: z.string().min(3),
  tokenEnv: envName,
  jql: z.string().min(1).optional(),
  /** Custom-field id of story points; discovered from /rest/api/3/field when absent. */
  storyPointsField: z.string().optional(),
});

export const AsanaSourceSchema = z.object({
  type: z.literal('asana'),
  name: sourceName,
  baseUrl: z.url().default('https://app.asana.com/api/1.0'),
  tokenEnv: envName,
  workspace: z.string().optional(),
});

export const SourceConfigSchema = z.discriminatedUnion('type', [JiraSourceSchema, AsanaSourceSchema]);

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

export const ConfigSchema = z
  .object({
    store: StoreConfigSchema.default({ type: 'embedded', dir: '.pmpulse/db', table: 'pmpulse' }),
    reports: ReportsConfigSchema.default({ type: 'dir', dir: '.pmpulse/reports' }),
    sources: z.array(SourceConfigSchema).default([]),
    themes: z.array(ThemeSchema).default([]),
    people: z.array(PersonOverrideSchema).default([]),
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
  });

export type Config = z.infer<typeof ConfigSchema>;
export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type JiraSourceConfig = z.infer<typeof JiraSourceSchema>;
export type AsanaSourceConfig = z.infer<typeof AsanaSourceSchema>;
export type StoreConfig = z.infer<typeof StoreConfigSchema>;
export type ReportsConfig = z.infer<typeof ReportsConfigSchema>;
export type Theme = z.infer<typeof ThemeSchema>;
export type PersonOverride = z.infer<typeof PersonOverrideSchema>;
