import type { SourceConfig } from '../config/schema.ts';

/**
 * Where a person opens one task of a source in a browser, as a `taskUrl` template (see
 * contract/task-url.ts). Jira's issue page is addressed by key, which tasks do not keep, so the
 * link is an issue search for the id, which opens that one issue. Asana's web app lives at one
 * address whatever API base the config names; an Azure DevOps work item's page is addressed by
 * its id under the organization. A timesheet export has no task pages.
 */
export function taskUrlTemplate(source: SourceConfig): string | undefined {
  switch (source.type) {
    case 'jira':
      return `${source.baseUrl.replace(/\/+$/, '')}/issues/?jql=id%3D{id}`;
    case 'asana':
      return 'https://app.asana.com/0/{projectId}/{id}';
    case 'azure-devops':
      return `${source.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(source.organization)}/_workitems/edit/{id}`;
    default:
      return undefined;
  }
}
