import * as z from 'zod';
import { sourceUrl } from './source-url.ts';

/**
 * How a Jira source reaches the API. Classic API tokens work against the site URL (`baseUrl`);
 * Atlassian's scoped API tokens only through the platform gateway,
 * `https://api.atlassian.com/ex/jira/{cloudId}`. The cloud id is the site's; without `cloudId`
 * it is read from `<baseUrl>/_edge/tenant_info` at the start of each sync.
 */
export const jiraAuthFields = {
  /** `classic` when absent. */
  auth: z.enum(['classic', 'scoped']).optional(),
  cloudId: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, 'a cloud id such as 1324a887-45db-1bf4-1e99-ef0ff456d421')
    .optional(),
  /** The gateway scoped tokens go through (`https://api.atlassian.com` when absent); only a proxy or a local test server changes it. */
  gatewayUrl: sourceUrl.optional(),
};
