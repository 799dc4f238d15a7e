import * as z from 'zod';

/**
 * The part of Asana REST 1.0 pmpulse reads (docs/source-api-subset.md). Asana returns only the
 * fields named in `opt_fields`, so the field lists the client asks for live here beside the
 * schemas that read them: a field read but not asked for would always be missing.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const dateTime = z.iso.datetime({ offset: true });
const gid = z.string().min(1);
const named = z.object({ gid, name: z.string().nullish() });

export const AsanaListSchema = z.object({
  data: z.array(z.unknown()),
  next_page: z.object({ offset: z.string() }).nullish(),
});

/** A single record: `{data: {...}}`. */
export const AsanaItemSchema = z.object({ data: z.unknown() });

export const AsanaMeSchema = z.object({
  data: z.object({ gid, workspaces: z.array(z.object({ gid, name: z.string().optional() })) }),
});

export const AsanaUserSchema = z.object({ gid, name: z.string().nullish(), email: z.string().nullish() });
export type AsanaUser = z.output<typeof AsanaUserSchema>;

export const AsanaPortfolioSchema = z.object({ gid, name: z.string() });

/** Enum, number and text custom fields; the connector reads them by name (customFieldNames). */
const customField = z.object({
  /** Nested records carry their gid whatever opt_fields names: a field can be named by it. */
  gid: z.string().nullish(),
  name: z.string().nullish(),
  resource_subtype: z.string().nullish(),
  display_value: z.string().nullish(),
  number_value: z.number().nullish(),
  text_value: z.string().nullish(),
  enum_value: z.object({ name: z.string().nullish() }).nullish(),
  /** A people field (a project's PM, when `fields.pm` names it). */
  people_value: z.array(z.object({ gid, name: z.string().nullish() })).nullish(),
});
export type AsanaCustomField = z.output<typeof customField>;

export const AsanaProjectSchema = z.object({ gid, name: z.string(), owner: AsanaUserSchema.nullish(), custom_fields: z.array(customField).default([]) });
export type AsanaProject = z.output<typeof AsanaProjectSchema>;


export const AsanaTaskSchema = z.object({
  gid,
  name: z.string(),
  /** `default_task`, `milestone`, `approval` (older data: `section`): a milestone is Asana's own task kind. */
  resource_subtype: z.string().nullish(),
  assignee: AsanaUserSchema.nullish(),
  completed: z.boolean(),
  completed_at: dateTime.nullish(),
  created_at: dateTime,
  modified_at: dateTime,
  due_on: isoDate.nullish(),
  due_at: dateTime.nullish(),
  start_on: isoDate.nullish(),
  parent: z.object({ gid }).nullish(),
  memberships: z.array(z.object({ section: named.partial({ gid: true }).nullish() })).default([]),
  tags: z.array(z.object({ name: z.string().nullish() })).default([]),
  custom_fields: z.array(customField).default([]),
  actual_time_minutes: z.number().nonnegative().nullish(),
  num_subtasks: z.number().int().nonnegative().nullish(),
});
export type AsanaTask = z.output<typeof AsanaTaskSchema>;

export const AsanaTimeEntrySchema = z.object({
  gid,
  duration_minutes: z.number().nonnegative(),
  entered_on: isoDate,
  created_by: AsanaUserSchema,
  attributable_to: z.object({ gid }).nullish(),
});
export type AsanaTimeEntry = z.output<typeof AsanaTimeEntrySchema>;

export const optFields = {
  users: 'name,email',
  portfolios: 'name',
  portfolioItems: 'name',
  projects: 'name,owner,owner.name,owner.email,custom_fields.gid,custom_fields.name,custom_fields.resource_subtype,custom_fields.text_value,custom_fields.enum_value.name,custom_fields.people_value.name',
  tasks: [
    'name', 'resource_subtype', 'assignee', 'assignee.name', 'assignee.email', 'completed', 'completed_at', 'created_at',
    'modified_at', 'due_on', 'due_at', 'start_on', 'parent', 'memberships.section.name', 'tags.name',
    'custom_fields.gid', 'custom_fields.name', 'custom_fields.resource_subtype', 'custom_fields.display_value', 'custom_fields.number_value',
    'custom_fields.text_value', 'custom_fields.enum_value.name', 'actual_time_minutes', 'num_subtasks',
  ].join(','),
  timeEntries: 'duration_minutes,entered_on,created_by,created_by.name,created_by.email,attributable_to',
} as const;

/** Custom fields the connector reads by name. */
export const customFieldNames = { estimateHours: 'Estimate (h)', storyPoints: 'Story Points', theme: 'Theme' } as const;
