/**
 * A field named in the config "by id or by name": custom field ids differ from one Jira site or
 * Asana workspace to the next, names are what people see. One rule for every source: an exact id
 * wins; otherwise the name, compared without regard to case or surrounding spaces, must name
 * exactly one field. Anything else is an error that names the config key and the candidates.
 */

export interface FieldInfo {
  id: string;
  name: string;
}

export class FieldRefError extends Error {
  override readonly name = 'FieldRefError';
  /** The config key that named the field, e.g. `sources[0].fields.pm`. */
  readonly key: string;
  readonly ref: string;
  constructor(message: string, key: string, ref: string) {
    super(message);
    this.key = key;
    this.ref = ref;
  }
}

export function isFieldRefError(error: unknown): error is FieldRefError {
  return error instanceof FieldRefError;
}

/** The id of the field `ref` names among `fields`; throws FieldRefError when none or several match. */
export function resolveFieldRef(ref: string, fields: readonly FieldInfo[], key: string): string {
  const byId = fields.find((field) => field.id === ref);
  if (byId) return byId.id;
  const wanted = normalName(ref);
  const named = fields.filter((field) => normalName(field.name) === wanted);
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) {
    const ids = named.map((field) => field.id).join(', ');
    throw new FieldRefError(`${key}: "${ref}" names ${named.length} fields (${ids}); give the id instead`, key, ref);
  }
  const near = fields.filter((field) => normalName(field.name).includes(wanted) || wanted.includes(normalName(field.name)));
  const hint = near.length ? `; similar: ${near.slice(0, 5).map((field) => `"${field.name}" (${field.id})`).join(', ')}` : '';
  throw new FieldRefError(`${key}: no field has the id or name "${ref}"${hint}`, key, ref);
}

function normalName(name: string): string {
  return name.trim().toLowerCase();
}
