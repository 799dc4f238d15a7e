import type { Json } from './asana-fields.ts';
import type { ApiReply, ApiRequest } from './http-kit.ts';
import { asanaError, listReply } from './asana-paging.ts';
import type { AsanaCatalog } from './asana-records.ts';

/** `GET /workspaces/{gid}/custom_fields`: the demo workspace's two custom fields, Estimate (h) and Theme. */
export function listCustomFields(catalog: AsanaCatalog, request: ApiRequest, workspaceGid: string): ApiReply {
  if (workspaceGid !== catalog.workspace.gid) return asanaError(404, `workspace: Unknown object: ${workspaceGid}`);
  const options = catalog.org.themes.map((theme) => ({ gid: theme.asanaOptionGid, resource_type: 'enum_option', name: theme.name, enabled: true, color: 'blue' }));
  const records: Json[] = [
    { gid: catalog.estimateFieldGid, resource_type: 'custom_field', name: 'Estimate (h)', type: 'number', resource_subtype: 'number', precision: 1 },
    { gid: catalog.themeFieldGid, resource_type: 'custom_field', name: 'Theme', type: 'enum', resource_subtype: 'enum', enum_options: options },
  ];
  return listReply(request, records, {
    full: (record) => record,
    compact: (record) => {
      const field = record as Record<string, Json>;
      return { gid: field['gid'] ?? null, resource_type: 'custom_field', name: field['name'] ?? null, resource_subtype: field['resource_subtype'] ?? null };
    },
  });
}
