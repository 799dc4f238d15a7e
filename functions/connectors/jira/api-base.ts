import * as z from 'zod';
import type { JiraSourceConfig } from '../../config/index.ts';
import { ConnectorError, describeRequest, isConnectorError } from '../kit/errors.ts';
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

/** A site that does not answer tenant_info (a proxy in front, an older site) needs the id in the config: the error says where. */
async function readCloudId(http: HttpClient, source: JiraSourceConfig): Promise<string> {
  const target = buildUrl(source.baseUrl, '/_edge/tenant_info');
  const request = describeRequest('GET', target);
  try {
    return parsePage(TenantInfoSchema, await http.getJson(target), source.name, request).cloudId;
  } catch (error) {
    if (!isConnectorError(error)) throw error;
    const hint = `gave no cloud id for the scoped token (${error.message.replace(`${source.name}: ${request} `, '')}); set sources.${source.name}.cloudId (the site admin's "Cloud ID", or open ${target} in a browser)`;
    throw new ConnectorError(hint, { source: source.name, request, ...(error.status === undefined ? {} : { status: error.status }), cause: error });
  }
}
