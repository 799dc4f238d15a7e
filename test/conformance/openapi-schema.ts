/**
 * A validator for the part of OpenAPI 3.0's schema language the vendors' extracts use: `type`,
 * `nullable`, `enum`, `format` (date, date-time, int32), `properties`, `required`,
 * `additionalProperties`, `items`, `allOf`/`oneOf`/`anyOf`, `$ref`, `readOnly`/`writeOnly` and the
 * numeric, length and item-count bounds. Anything else in a schema is ignored.
 *
 * Why not a library: none is installed (zod 4 cannot read JSON Schema, and OpenAPI 3.0 is not
 * plain JSON Schema anyway: `nullable`, `readOnly` in requests). Ajv would need a new dependency.
 *
 * Two deliberate readings, both written in docs/source-api-subset.md ("The vendors' documents"):
 * - `allOf` is merged before checking: the properties of all members together are the declared
 *   ones, and `additionalProperties: false` on a member rejects only names no member declares.
 *   (Plain JSON Schema would check each member alone and reject every composed record.)
 * - Where a schema says nothing about `additionalProperties`, extra names are allowed, as JSON
 *   Schema says, but each is reported in `undeclared`, so the caller decides.
 */

export type JsonSchema = { [keyword: string]: unknown };

export interface SchemaIssue {
  /** Where in the value: `$.data[0].assignee`. */
  at: string;
  message: string;
}

export interface ValidationOptions {
  /** A request may not carry `readOnly` properties; a response may not carry `writeOnly` ones. */
  direction: 'request' | 'response';
  /** Reads `#/components/schemas/X` as another schema (Asana's `opt_fields` full records). */
  mapRef?: (ref: string) => string;
}

export interface Validation {
  errors: SchemaIssue[];
  /** Properties that no schema declares where the schema is silent on extra names. */
  undeclared: SchemaIssue[];
}

export function validateSchema(document: object, schema: JsonSchema, value: unknown, options: ValidationOptions, at = '$'): Validation {
  const out: Validation = { errors: [], undeclared: [] };
  check(new Context(document, options, out), schema, value, at, 'inline');
  return out;
}

class Context {
  readonly document: object;
  readonly options: ValidationOptions;
  readonly out: Validation;
  constructor(document: object, options: ValidationOptions, out: Validation) {
    this.document = document;
    this.options = options;
    this.out = out;
  }

  /** `expanding`: the schemas being merged right now; a member naming one of them is not mapped again. */
  resolve(ref: string, expanding: ReadonlySet<string>): { schema: JsonSchema; name: string; target: string } {
    const mapped = this.options.mapRef?.(ref) ?? ref;
    const target = expanding.has(mapped) ? ref : mapped;
    if (!target.startsWith('#/')) throw new Error(`only local references are supported: ${target}`);
    let node: unknown = this.document;
    for (const part of target.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (node === undefined) throw new Error(`dangling reference ${target}`);
    return { schema: node as JsonSchema, name: target.split('/').pop() as string, target };
  }

  error(at: string, message: string): void {
    this.out.errors.push({ at, message });
  }
}

/** A schema with its `$ref` followed and its `allOf` members merged into it. */
interface Flat {
  name: string;
  schema: JsonSchema;
  properties: Map<string, JsonSchema[]>;
  required: Set<string>;
  /** false, a schema, true (anything goes), or undefined (silent). */
  additional: boolean | JsonSchema | undefined;
}

function flatten(context: Context, schema: JsonSchema, name: string, expanding: ReadonlySet<string> = new Set()): Flat {
  if (typeof schema['$ref'] === 'string') {
    const target = context.resolve(schema['$ref'], expanding);
    return flatten(context, target.schema, target.name, new Set([...expanding, target.target]));
  }
  const flat: Flat = { name, schema: { ...schema }, properties: new Map(), required: new Set(), additional: additionalOf(schema) };
  for (const [key, property] of Object.entries((schema['properties'] as Record<string, JsonSchema>) ?? {})) flat.properties.set(key, [property]);
  for (const key of (schema['required'] as string[]) ?? []) flat.required.add(key);
  for (const member of (schema['allOf'] as JsonSchema[]) ?? []) {
    const part = flatten(context, member, name, expanding);
    for (const [key, list] of part.properties) flat.properties.set(key, [...(flat.properties.get(key) ?? []), ...list]);
    for (const key of part.required) flat.required.add(key);
    flat.additional = stricter(flat.additional, part.additional);
    for (const keyword of ['type', 'enum', 'format', 'items', 'nullable', 'readOnly', 'writeOnly', 'oneOf', 'anyOf'] as const) {
      if (flat.schema[keyword] === undefined && part.schema[keyword] !== undefined) flat.schema[keyword] = part.schema[keyword];
    }
  }
  const members = (schema['allOf'] as JsonSchema[] | undefined) ?? [];
  // `{allOf: [{$ref: X}], readOnly: true}` is X in Jira's and Asana's documents: name it so.
  if (members.length === 1 && !schema['properties'] && typeof members[0]?.['$ref'] === 'string') flat.name = (members[0]['$ref'] as string).split('/').pop() as string;
  delete flat.schema['allOf'];
  return flat;
}

function additionalOf(schema: JsonSchema): Flat['additional'] {
  const value = schema['additionalProperties'];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  return Object.keys(value as object).length === 0 ? true : (value as JsonSchema);
}

function stricter(a: Flat['additional'], b: Flat['additional']): Flat['additional'] {
  if (a === false || b === false) return false;
  if (typeof a === 'object') return a;
  if (typeof b === 'object') return b;
  return a === true || b === true ? true : undefined;
}

function check(context: Context, raw: JsonSchema, value: unknown, at: string, name: string): void {
  const flat = flatten(context, raw, name);
  const schema = flat.schema;
  if (value === null) {
    if (schema['nullable'] === true || acceptsNullByParts(context, schema)) return;
    if (schema['type'] !== undefined || schema['enum'] !== undefined || flat.properties.size > 0) context.error(at, `null where ${describe(flat)} is declared (not nullable)`);
    return;
  }
  if (!checkType(context, schema, value, at, flat)) return;
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value)) {
    context.error(at, `${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`);
  }
  checkBounds(context, schema, value, at);
  if (Array.isArray(value) && schema['items']) value.forEach((item, index) => check(context, schema['items'] as JsonSchema, item, `${at}[${index}]`, flat.name));
  if (isObject(value)) checkObject(context, flat, value, at);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[keyword])) checkAlternatives(context, keyword, schema[keyword] as JsonSchema[], value, at, flat.name);
  }
}

function acceptsNullByParts(context: Context, schema: JsonSchema): boolean {
  const alternatives = [...((schema['oneOf'] as JsonSchema[]) ?? []), ...((schema['anyOf'] as JsonSchema[]) ?? [])];
  return alternatives.some((alternative) => flatten(context, alternative, '').schema['nullable'] === true);
}

function checkType(context: Context, schema: JsonSchema, value: unknown, at: string, flat: Flat): boolean {
  const type = schema['type'] as string | undefined;
  const ok =
    type === undefined ||
    (type === 'integer' && Number.isInteger(value)) ||
    (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'array' && Array.isArray(value)) ||
    (type === 'object' && isObject(value));
  if (!ok) context.error(at, `${JSON.stringify(value)?.slice(0, 60)} is not ${describe(flat)}`);
  return ok;
}

const formats: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  // RFC 3339 asks for `+hh:mm`; Jira writes `+hhmm` in every date-time it sends, so both pass.
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/,
};

function checkBounds(context: Context, schema: JsonSchema, value: unknown, at: string): void {
  const bound = (keyword: string) => schema[keyword] as number | undefined;
  if (typeof value === 'number') {
    if (bound('minimum') !== undefined && value < bound('minimum')!) context.error(at, `${value} is below the minimum ${bound('minimum')}`);
    if (bound('maximum') !== undefined && value > bound('maximum')!) context.error(at, `${value} is above the maximum ${bound('maximum')}`);
    if (schema['format'] === 'int32' && Math.abs(value) > 2 ** 31) context.error(at, `${value} does not fit int32`);
  }
  if (typeof value === 'string') {
    const format = formats[schema['format'] as string];
    if (format && !format.test(value)) context.error(at, `${JSON.stringify(value)} is not a ${schema['format'] as string}`);
    if (bound('maxLength') !== undefined && value.length > bound('maxLength')!) context.error(at, `longer than ${bound('maxLength')}`);
    if (bound('minLength') !== undefined && value.length < bound('minLength')!) context.error(at, `shorter than ${bound('minLength')}`);
  }
  if (Array.isArray(value)) {
    if (bound('maxItems') !== undefined && value.length > bound('maxItems')!) context.error(at, `${value.length} items, at most ${bound('maxItems')} allowed`);
    if (bound('minItems') !== undefined && value.length < bound('minItems')!) context.error(at, `${value.length} items, at least ${bound('minItems')} required`);
    if (schema['uniqueItems'] === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) context.error(at, 'items are not unique');
  }
}

function checkObject(context: Context, flat: Flat, value: Record<string, unknown>, at: string): void {
  const { direction } = context.options;
  for (const key of flat.required) {
    if (key in value) continue;
    const hidden = (flat.properties.get(key) ?? []).some((property) => flatten(context, property, '').schema[direction === 'request' ? 'readOnly' : 'writeOnly'] === true);
    if (!hidden) context.error(at, `required property "${key}" is missing`);
  }
  for (const [key, item] of Object.entries(value)) {
    const where = `${at}.${key}`;
    const declared = flat.properties.get(key);
    if (declared) {
      for (const property of declared) {
        const shown = flatten(context, property, flat.name).schema;
        if (direction === 'request' && shown['readOnly'] === true) context.error(where, `"${key}" is read-only: a request may not send it`);
        if (direction === 'response' && shown['writeOnly'] === true) context.error(where, `"${key}" is write-only: a response may not carry it`);
        check(context, property, item, where, flat.name);
      }
    } else if (flat.additional === false) context.error(where, `"${key}" is not a property of ${flat.name} (additionalProperties: false)`);
    else if (typeof flat.additional === 'object') check(context, flat.additional, item, where, flat.name);
    else if (flat.additional === undefined) context.out.undeclared.push({ at: where, message: `${flat.name}.${key}` });
  }
}

function checkAlternatives(context: Context, keyword: 'oneOf' | 'anyOf', alternatives: JsonSchema[], value: unknown, at: string, name: string): void {
  const trials = alternatives.map((alternative) => {
    const out: Validation = { errors: [], undeclared: [] };
    check(new Context(context.document, context.options, out), alternative, value, at, name);
    return out;
  });
  const passing = trials.filter((trial) => trial.errors.length === 0);
  if (passing.length === 0) context.error(at, `matches none of the ${keyword} alternatives (first: ${trials[0]?.errors[0]?.message ?? '?'})`);
  else if (keyword === 'oneOf' && passing.length > 1) context.error(at, `matches ${passing.length} oneOf alternatives, exactly one allowed`);
  else context.out.undeclared.push(...(passing[0] as Validation).undeclared);
}

function describe(flat: Flat): string {
  const type = (flat.schema['type'] as string | undefined) ?? 'a value';
  return flat.name === 'inline' ? `of type ${type}` : `of type ${type} (${flat.name})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a dotted field path (`assignee.email`) names a property at every step, following arrays
 * to their items; the answer is the first step that names nothing, or undefined when all do.
 */
export function missingStep(document: object, schema: JsonSchema, path: readonly string[], options: ValidationOptions): string | undefined {
  const context = new Context(document, options, { errors: [], undeclared: [] });
  let current: JsonSchema[] = [schema];
  for (const step of path) {
    const next: JsonSchema[] = [];
    for (const candidate of current) {
      let flat = flatten(context, candidate, '');
      while (flat.schema['type'] === 'array' && flat.schema['items']) flat = flatten(context, flat.schema['items'] as JsonSchema, flat.name);
      next.push(...(flat.properties.get(step) ?? []));
    }
    if (next.length === 0) return step;
    current = next;
  }
  return undefined;
}
