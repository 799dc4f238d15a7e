import * as z from 'zod';

/**
 * The Azure DevOps answers pmpulse reads (REST 7.2: Core for projects and teams, Work Item Tracking
 * for revisions, states and the recycle bin), and nothing more. Every collection comes wrapped as
 * `{count, value}`; the reporting revisions feed as `{values, continuationToken, isLastBatch}`.
 */

const dateTime = z.iso.datetime({ offset: true });

export const AdoListSchema = z.object({ count: z.number().int().nonnegative().optional(), value: z.array(z.unknown()) });

export const AdoRevisionsBatchSchema = z.object({
  values: z.array(z.unknown()),
  continuationToken: z.string().min(1),
  isLastBatch: z.boolean(),
  nextLink: z.string().optional(),
});
export type AdoRevisionsBatch = z.output<typeof AdoRevisionsBatchSchema>;

export const AdoProjectSchema = z.object({ id: z.string().min(1), name: z.string().min(1), state: z.string().optional() });
export type AdoProject = z.output<typeof AdoProjectSchema>;

export const AdoTeamSchema = z.object({ id: z.string().min(1), name: z.string().min(1), projectId: z.string().optional() });
export type AdoTeam = z.output<typeof AdoTeamSchema>;

export const AdoStateSchema = z.object({ name: z.string().min(1), category: z.string().min(1) });
export type AdoState = z.output<typeof AdoStateSchema>;

export const AdoDeletedRefSchema = z.object({ id: z.number().int().positive() });

/** An identity field (`includeIdentityRef=true` on the feed; always so on `workItems/{id}/revisions`). */
export const AdoIdentitySchema = z.object({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  /** The sign-in name: the e-mail address for Microsoft Entra accounts. */
  uniqueName: z.string().nullish(),
});
export type AdoIdentity = z.output<typeof AdoIdentitySchema>;

/** Field reference names the connector asks for (the `fields` list of the feed). */
export const adoField = {
  type: 'System.WorkItemType',
  title: 'System.Title',
  state: 'System.State',
  assignedTo: 'System.AssignedTo',
  changedBy: 'System.ChangedBy',
  changedDate: 'System.ChangedDate',
  createdDate: 'System.CreatedDate',
  areaPath: 'System.AreaPath',
  iterationPath: 'System.IterationPath',
  tags: 'System.Tags',
  parent: 'System.Parent',
  originalEstimate: 'Microsoft.VSTS.Scheduling.OriginalEstimate',
  completedWork: 'Microsoft.VSTS.Scheduling.CompletedWork',
  targetDate: 'Microsoft.VSTS.Scheduling.TargetDate',
  dueDate: 'Microsoft.VSTS.Scheduling.DueDate',
  storyPoints: 'Microsoft.VSTS.Scheduling.StoryPoints',
} as const;

const hours = z.number().nonnegative().nullish();

export const AdoRevisionFieldsSchema = z.looseObject({
  [adoField.type]: z.string().min(1),
  [adoField.title]: z.string(),
  [adoField.state]: z.string().min(1),
  [adoField.assignedTo]: AdoIdentitySchema.nullish(),
  [adoField.changedBy]: AdoIdentitySchema.nullish(),
  [adoField.changedDate]: dateTime,
  [adoField.createdDate]: dateTime,
  [adoField.areaPath]: z.string().min(1),
  [adoField.iterationPath]: z.string().nullish(),
  [adoField.tags]: z.string().nullish(),
  [adoField.parent]: z.number().int().positive().nullish(),
  [adoField.originalEstimate]: hours,
  [adoField.completedWork]: hours,
  [adoField.targetDate]: dateTime.nullish(),
  [adoField.dueDate]: dateTime.nullish(),
  [adoField.storyPoints]: hours,
});

/** One revision of a work item: the values of every asked field as they were after that save. */
export const AdoRevisionSchema = z.object({
  id: z.number().int().positive(),
  rev: z.number().int().positive(),
  fields: AdoRevisionFieldsSchema,
});
export type AdoRevision = z.output<typeof AdoRevisionSchema>;

/** Every field pmpulse asks the feed for, plus the configured PM field. */
export function revisionFields(pmField: string | undefined): string[] {
  return [...Object.values(adoField), ...(pmField ? [pmField] : [])];
}
