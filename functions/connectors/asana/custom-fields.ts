import type { SourceFields } from '../../config/index.ts';
import { recordId } from '../../domain/index.ts';
import { FieldRefError } from '../kit/field-ref.ts';
import { customFieldNames, type AsanaCustomField } from './schema.ts';

/**
 * The custom fields an Asana source reads, named by gid or by name (`sources[].fields`). Asana
 * sends each task's and project's fields with their gid and name, so a reference is resolved on
 * each record: its gid first, else its name (any case). A record without the field just lacks the
 * value; a name two of a record's fields share is an error (the record is quarantined with it).
 */

export interface AsanaFieldRefs {
  /** A people field on the project. */
  pm: string | undefined;
  theme: string;
  estimate: string;
  /** A number field of story points (`storyPointsField`). */
  storyPoints: string;
  /** The config key prefix for messages, `sources.<name>.fields`. */
  key: string;
}

/** The source's references, with the names pmpulse has always read as defaults. */
export function asanaFieldRefs(source: string, fields: SourceFields | undefined, storyPointsField?: string): AsanaFieldRefs {
  return {
    pm: fields?.pm,
    theme: fields?.theme ?? customFieldNames.theme,
    estimate: fields?.estimate ?? customFieldNames.estimateHours,
    storyPoints: storyPointsField ?? customFieldNames.storyPoints,
    key: `sources.${source}.fields`,
  };
}

export const defaultAsanaFieldRefs = (source: string): AsanaFieldRefs => asanaFieldRefs(source, undefined);

export function findCustomField(fields: readonly AsanaCustomField[], ref: string, key: string): AsanaCustomField | undefined {
  const byGid = fields.find((field) => field.gid === ref);
  if (byGid) return byGid;
  const wanted = ref.trim().toLowerCase();
  const named = fields.filter((field) => field.name?.trim().toLowerCase() === wanted);
  if (named.length > 1) {
    const gids = named.map((field) => field.gid ?? '?').join(', ');
    throw new FieldRefError(`${key}: "${ref}" names ${named.length} custom fields (${gids}); give the gid instead`, key, ref);
  }
  return named[0];
}

/** The first person of a people field, as a person record id. */
export function peopleFieldPerson(source: string, field: AsanaCustomField | undefined): { id: string; gid: string; name: string } | undefined {
  const first = field?.people_value?.[0];
  return first ? { id: recordId(source, first.gid), gid: first.gid, name: first.name ?? '' } : undefined;
}
