/**
 * The vendor operations pmpulse calls (or is about to call), by the vendor's own path templates.
 * `extract-vendor-openapi.ts` keeps exactly these, with every schema they reach, in
 * test/fixtures/vendor-openapi/. A connector that starts calling another operation fails the
 * conformance suite with "no operation": add the operation here and run the extract again.
 */

export interface VendorDocument {
  /** File name in the vendors' folder (`vendor-specs/`). */
  source: string;
  /** File name of the extract under test/fixtures/vendor-openapi/. */
  extract: string;
  operations: Record<string, readonly ('get' | 'post' | 'put' | 'delete')[]>;
}

export const vendorDocuments = {
  jira: {
    source: 'jira-cloud-platform-v3.json',
    extract: 'jira-cloud-platform-v3.subset.json',
    operations: {
      '/rest/api/3/myself': ['get'],
      '/rest/api/3/field': ['get'],
      '/rest/api/3/status': ['get'],
      '/rest/api/3/project/search': ['get'],
      '/rest/api/3/project/{projectIdOrKey}': ['get'],
      '/rest/api/3/search/jql': ['get', 'post'],
      '/rest/api/3/changelog/bulkfetch': ['post'],
      '/rest/api/3/issue/{issueIdOrKey}/changelog': ['get'],
      '/rest/api/3/issue/{issueIdOrKey}/worklog': ['get'],
      '/rest/api/3/worklog/updated': ['get'],
      '/rest/api/3/worklog/deleted': ['get'],
      '/rest/api/3/worklog/list': ['post'],
    },
  },
  asana: {
    source: 'asana-rest-1.0.yaml',
    extract: 'asana-rest-1.0.subset.json',
    operations: {
      '/users/{user_gid}': ['get'],
      '/users': ['get'],
      '/workspaces/{workspace_gid}/users': ['get'],
      '/portfolios': ['get'],
      '/portfolios/{portfolio_gid}/items': ['get'],
      '/projects': ['get'],
      '/projects/{project_gid}/tasks': ['get'],
      '/tasks': ['get'],
      '/tasks/{task_gid}/subtasks': ['get'],
      '/tasks/{task_gid}/stories': ['get'],
      '/tasks/{task_gid}/time_tracking_entries': ['get'],
      '/time_tracking_entries': ['get'],
      '/time_tracking_entries/{time_tracking_entry_gid}': ['get'],
    },
  },
} as const satisfies Record<string, VendorDocument>;

export type Vendor = keyof typeof vendorDocuments;
