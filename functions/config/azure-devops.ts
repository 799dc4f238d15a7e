import * as z from 'zod';
import { sourceUrl } from './source-url.ts';

/**
 * An Azure DevOps Boards source (`type: "azure-devops"`). Its token is a personal access token
 * with Work Items (Read) and Project and Team (Read), sent as Basic auth with an empty user name.
 * Kept in its own file so the shared config schema gains one line only.
 */

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');
const sourceName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');

export const AzureDevOpsSourceSchema = z
  .object({
    type: z.literal('azure-devops'),
    name: sourceName,
    /** The service root; the organization follows it in every path (`https://dev.azure.com/{organization}`). */
    baseUrl: sourceUrl.default('https://dev.azure.com'),
    organization: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-_.]{0,49}$/, 'an Azure DevOps organization name'),
    tokenEnv: envName,
    /** Azure DevOps projects to read, by name or id; absent: every project the token can see. */
    projects: z.array(z.string().min(1)).min(1).optional(),
    /**
     * How many levels of the area path make one pmpulse project: 1 (default) is the Azure DevOps
     * project itself; 2 makes each area below it (`Fabrikam\Payments`, the area a team owns) a
     * project, whose portfolio is then the Azure DevOps project.
     */
    areaPathDepth: z.number().int().min(1).max(8).default(1),
    fields: z
      .object({
        /** Reference name of an identity field on the work items naming the PM (`Custom.ProjectManager`); the most common value wins. */
        pm: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/, 'a field reference name such as Custom.ProjectManager').optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AzureDevOpsSourceConfig = z.infer<typeof AzureDevOpsSourceSchema>;
