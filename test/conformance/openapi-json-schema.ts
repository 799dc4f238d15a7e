/**
 * Rewrites the schemas of an OpenAPI 3.0 document as JSON Schema 2019-09 for Ajv, in one reading:
 * a direction (request or response), optionally with compact records read as their full forms
 * (Asana's `opt_fields`), and optionally with silent schemas sealed so that Ajv reports the names
 * they do not declare. Ajv then does all the checking; this only states the documents' reading.
 *
 * What OpenAPI 3.0 means and plain JSON Schema does not (docs/source-api-subset.md, "The vendors'
 * documents"):
 * - `allOf` members are one record: their properties together are the declared ones. The members
 *   are written in place without `additionalProperties: false`, and the record they make up gets
 *   `unevaluatedProperties: false` (which sees the names every member declares) when a member was
 *   closed. Ajv alone would check each member by itself and a closed one would reject the names
 *   its siblings declare.
 * - Where no member says anything about extra names, JSON Schema allows them; the sealed reading
 *   closes those records too, marked `x-undeclared: silent`, so that Ajv names every extra name
 *   (Ajv has no way to report a name that passes). The checker runs it only to list those names.
 * - `nullable: true` admits null, also when it sits on an `allOf` member (Asana writes
 *   `allOf: [{$ref: UserCompact}, {nullable: true}]`) or beside an enum that does not list null
 *   (Asana's `ProjectBase.icon`; OpenAPI 3.0.3 later said such an enum refuses null, the 3.0.0
 *   and 3.0.1 documents here predate it). Ajv's own `nullable` needs a `type` beside it; a
 *   composed or typeless nullable schema becomes `if: {type: null}, else: <the schema>`.
 * - A `readOnly` property may not be sent in a request and is not required of one; a `writeOnly`
 *   one likewise in a response: such a property becomes `x-refused` and leaves `required`.
 * - Siblings of `$ref` are ignored, as OpenAPI 3.0 says.
 * Every schema carries `x-in`, the name of the component it belongs to, for the messages.
 */

export type JsonSchema = { [keyword: string]: unknown };

export interface Reading {
  direction: 'request' | 'response';
  /** Reads `#/components/schemas/X` as another schema (Asana's `opt_fields` full records). */
  mapRef?: ((ref: string) => string) | undefined;
  /** Close silent records too, marked `x-undeclared: silent`. */
  sealSilent: boolean;
}

/** The base of the rewritten schemas' `$id`s in Ajv. */
export const componentsId = 'https://pmpulse.invalid/openapi';

const componentPrefix = '#/components/schemas/';

type Additional = boolean | 'schema' | undefined;

/** What the members of one record say together. */
interface Composed {
  hidden: Set<string>;
  required: string[][];
  additional: Additional;
  objectLike: boolean;
}

export class OpenApiReading {
  /** Schemas written since the caller last took them, each to register in Ajv under its `$id`. */
  readonly written: JsonSchema[] = [];
  private readonly document: object;
  private readonly reading: Reading;
  /** What each source schema became, by the name and chain it was written under. */
  private readonly made = new Map<JsonSchema, Map<string, string>>();
  private count = 0;
  /** How deep in `allOf` references the record being written is. */
  private depth = 0;

  constructor(document: object, reading: Reading) {
    this.document = document;
    this.reading = reading;
    const schemas = (document as { components?: { schemas?: { [name: string]: JsonSchema } } }).components?.schemas ?? {};
    for (const [name, schema] of Object.entries(schemas)) this.value(schema, name, new Set([componentPrefix + name]), idOf(componentPrefix + name));
  }

  /**
   * A schema that stands for one value: a whole answer, a property, an item, an alternative. Any
   * but the plainest is written once under its own `$id` and referred to, so that a record met
   * again inside itself (a task's `parent` is a task) is a reference, not an endless copy.
   */
  value(schema: JsonSchema, name = 'inline', chain: ReadonlySet<string> = new Set(), id?: string): JsonSchema {
    if (typeof schema['$ref'] === 'string' && id === undefined) return { $ref: idOf(this.map(schema['$ref'], chain)) };
    const plain = !['$ref', 'properties', 'allOf', 'oneOf', 'anyOf', 'items', 'additionalProperties', 'not'].some((keyword) => keyword in schema);
    if (plain && id === undefined) return this.record(schema, name, chain);
    const key = `${name} ${[...chain].join(' ')}`;
    const known = this.made.get(schema)?.get(key);
    if (known) return { $ref: known };
    const own = id ?? `${componentsId}/~${(this.count += 1)}`;
    this.made.set(schema, (this.made.get(schema) ?? new Map<string, string>()).set(key, own));
    this.written.push({ $id: own, ...this.record(schema, name, chain) });
    return { $ref: own };
  }

  private record(schema: JsonSchema, name: string, chain: ReadonlySet<string>): JsonSchema {
    const record: Composed = { hidden: new Set(), required: [], additional: undefined, objectLike: false };
    const out = this.inPlace(schema, singleRefName(schema) ?? name, chain, record).schema;
    for (const list of record.required) list.splice(0, list.length, ...list.filter((key) => !record.hidden.has(key)));
    const closed = record.additional === false;
    if (closed || (this.reading.sealSilent && record.additional === undefined && record.objectLike)) {
      out['unevaluatedProperties'] = false;
      out['x-undeclared'] = closed ? 'closed' : 'silent';
    }
    return out;
  }

  /** A schema and its `allOf` members, written into one record. */
  private inPlace(schema: JsonSchema, name: string, chain: ReadonlySet<string>, record: Composed): { schema: JsonSchema; nullable: boolean } {
    if (typeof schema['$ref'] === 'string') {
      const target = this.map(schema['$ref'], chain);
      // A full form goes through its own compact form once (`TaskBase` → `TaskResponse` → `TaskBase` → `TaskCompact`).
      if (this.depth > 32) throw new Error(`${target} is one of its own allOf members`);
      this.depth += 1;
      try {
        return this.inPlace(this.resolve(target), name, new Set([...chain, target]), record);
      } finally {
        this.depth -= 1;
      }
    }
    const out: JsonSchema = { 'x-in': name };
    let nullable = schema['nullable'] === true;
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword === 'properties') {
        record.objectLike = true;
        out[keyword] = Object.fromEntries(Object.entries(value as { [key: string]: JsonSchema }).map(([key, property]) => [key, this.property(key, property, name, record)]));
      } else if (keyword === 'additionalProperties') {
        const open = value === true || (typeof value === 'object' && Object.keys(value as object).length === 0);
        record.additional = stricter(record.additional, value === false ? false : open ? true : 'schema');
        if (value !== false) out[keyword] = open ? true : this.value(value as JsonSchema, name);
      } else if (keyword === 'allOf') {
        out[keyword] = (value as JsonSchema[]).map((member) => {
          const written = this.inPlace(member, name, chain, record);
          nullable ||= written.nullable;
          return written.schema;
        });
      } else if (keyword === 'oneOf' || keyword === 'anyOf') out[keyword] = (value as JsonSchema[]).map((alternative) => this.value(alternative, name));
      else if (keyword === 'items' || keyword === 'not') out[keyword] = this.value(value as JsonSchema, name);
      else if (keyword === 'required') record.required.push((out[keyword] = [...(value as string[])]) as string[]);
      else if (keyword === 'enum') out[keyword] = [...(value as unknown[])];
      else if (keyword !== 'nullable') out[keyword] = value;
      if (keyword === 'type' && value === 'object') record.objectLike = true;
    }
    if (!nullable) return { schema: out, nullable };
    const composed = out['allOf'] !== undefined || out['oneOf'] !== undefined || out['anyOf'] !== undefined;
    if (typeof out['type'] !== 'string' || composed) return { schema: { 'x-in': name, if: { type: 'null' }, else: out }, nullable };
    out['nullable'] = true;
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'].push(null);
    return { schema: out, nullable };
  }

  private property(key: string, schema: JsonSchema, name: string, record: Composed): JsonSchema {
    const flag = this.reading.direction === 'request' ? 'readOnly' : 'writeOnly';
    if (this.flagOf(schema, flag, new Set()) !== true) return this.value(schema, name);
    record.hidden.add(key);
    return { 'x-in': name, 'x-refused': flag === 'readOnly' ? 'read-only: a request may not send it' : 'write-only: a response may not carry it' };
  }

  /** `readOnly` or `writeOnly` as the schema or, failing that, its first `allOf` member that says so. */
  private flagOf(schema: JsonSchema, flag: string, chain: ReadonlySet<string>): boolean | undefined {
    if (typeof schema['$ref'] === 'string') {
      const target = this.map(schema['$ref'], chain);
      return this.flagOf(this.resolve(target), flag, new Set([...chain, target]));
    }
    if (schema[flag] !== undefined) return schema[flag] === true;
    for (const member of (schema['allOf'] as JsonSchema[] | undefined) ?? []) {
      const said = this.flagOf(member, flag, chain);
      if (said !== undefined) return said;
    }
    return undefined;
  }

  /** The full form of a reference, unless it is already being written into this record (`TaskResponse` → `TaskBase` → `TaskCompact`). */
  private map(ref: string, chain: ReadonlySet<string>): string {
    if (!ref.startsWith(componentPrefix)) throw new Error(`only references to #/components/schemas are supported: ${ref}`);
    const mapped = this.reading.mapRef?.(ref) ?? ref;
    return chain.has(mapped) ? ref : mapped;
  }

  private resolve(ref: string): JsonSchema {
    const found = (this.document as { components?: { schemas?: { [name: string]: JsonSchema } } }).components?.schemas?.[ref.slice(componentPrefix.length)];
    if (!found) throw new Error(`dangling reference ${ref}`);
    return found;
  }
}

function idOf(ref: string): string {
  return `${componentsId}/${ref.slice(componentPrefix.length)}`;
}

/** `{allOf: [{$ref: X}], readOnly: true}` is X in Jira's and Asana's documents: name it so. */
function singleRefName(schema: JsonSchema): string | undefined {
  const members = schema['allOf'] as JsonSchema[] | undefined;
  if (members?.length !== 1 || schema['properties'] || typeof members[0]?.['$ref'] !== 'string') return undefined;
  return (members[0]['$ref'] as string).split('/').pop();
}

/** What a record allows when its members disagree: the strictest word wins. */
function stricter(a: Additional, b: Additional): Additional {
  if (a === false || b === false) return false;
  if (a === 'schema' || b === 'schema') return 'schema';
  return a === true || b === true ? true : undefined;
}
