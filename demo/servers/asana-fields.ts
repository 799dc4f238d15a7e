/**
 * Asana's `opt_fields`: only `gid` and the named fields come back. A dotted name selects sub-fields
 * (`owner.email` → `owner: {gid, email}`); a nested object named bare comes back compact
 * (`{gid, resource_type}`).
 */
export interface FieldTree {
  [name: string]: FieldTree;
}

export function parseOptFields(text: string | null): FieldTree | undefined {
  if (text === null || text.trim() === '') return undefined;
  const tree: FieldTree = {};
  for (const path of text.split(',')) {
    let node = tree;
    for (const part of path.trim().split('.').filter(Boolean)) node = node[part] ??= {};
  }
  return tree;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function project(value: Json, tree: FieldTree): Json {
  if (Array.isArray(value)) return value.map((item) => project(item, tree));
  if (value === null || typeof value !== 'object') return value;
  const result: { [key: string]: Json } = {};
  if ('gid' in value) result['gid'] = value['gid'] as Json;
  for (const [name, sub] of Object.entries(tree)) {
    if (!(name in value)) continue;
    const field = value[name] as Json;
    result[name] = Object.keys(sub).length === 0 ? compact(field) : project(field, sub);
  }
  return result;
}

/** A nested record named without sub-fields: its reference, or for records without a gid (memberships) their references. */
function compact(value: Json): Json {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  if ('gid' in value) return { gid: value['gid'] as Json, resource_type: (value['resource_type'] ?? null) as Json };
  const result: { [key: string]: Json } = {};
  for (const [name, field] of Object.entries(value)) result[name] = compact(field);
  return result;
}

export type { Json };
