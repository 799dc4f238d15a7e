import * as z from 'zod';
import type { JiraSourceConfig } from '../../config/index.ts';
import { describeRequest } from '../kit/errors.ts';
import type { HttpClient } from '../kit/http-client.ts';
import { buildUrl, parsePage } from '../kit/page.ts';

/**
 * Where the REST API of a Jira source lives. A classic token talks to the site itself; a scoped
 * token only through the gateway, `<gatewayUrl>/ex/jira/<cloudId>`, the cloud id being the
 * configured one or the one the site states at `/_edge/tenant_info` (an unauthenticated call).
 */

export const atlassianGateway = 'https://api.atlassian.com';

const TenantInfoSchema = z.object({ cloudId: z.string().min(1) });

export async function jiraApiBase(http: HttpClient, source: JiraSourceConfig): Promise<string> {
  if (source.auth !== 'scoped') return source.baseUrl;
  const cloudId = source.cloudId ?? (await readCloudId(http, source));
  return buildUrl(source.gatewayUrl ?? atlassianGateway, `/ex/jira/${encodeURIComponent(cloudId)}`);
}

async function readCloudId(http: HttpClient, source: JiraSourceConfig): Promise<string> {
  const target = buildUrl(source.baseUrl, '/_edge/tenant_info');
  return parsePage(TenantInfoSchema, await http.getJson(target), source.name, describeRequest('GET', target)).cloudId;
}
