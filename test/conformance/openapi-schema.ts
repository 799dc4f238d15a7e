import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import ajvFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { OpenApiReading, type JsonSchema, type Reading } from './openapi-json-schema.ts';

/**
 * Validates values against the schemas of an OpenAPI 3.0 document with Ajv (JSON Schema 2019-09,
 * for `unevaluatedProperties`) and ajv-formats. The documents' reading (`allOf` as one record,
 * `nullable`, `readOnly`/`writeOnly` by direction) is written as JSON Schema by
 * openapi-json-schema.ts; here Ajv's errors become the suite's messages.
 *
 * `format: date-time` is RFC 3339 as ajv-formats checks it (a real day and time), with the `T`
 * and an offset written `Z`, `+hh:mm` or `+hhmm`: Jira writes `+0000` in every date-time it sends.
 */

export type { JsonSchema };

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

/**
 * The errors come from the document's own reading; the undeclared names from a second run in which
 * the records that say nothing about extra names are closed (Ajv cannot name what it lets pass).
 */
export function validateSchema(document: object, schema: JsonSchema, value: unknown, options: ValidationOptions, at = '$'): Validation {
  const errors = run(document, { ...options, sealSilent: false }, schema, value).map((error) => issue(error, value, at));
  const undeclared = run(document, { ...options, sealSilent: true }, schema, value)
    .filter((error) => error.keyword === 'unevaluatedProperties' && error.parentSchema?.['x-undeclared'] === 'silent')
    .map((error) => {
      const key = (error.params as { unevaluatedProperty: string }).unevaluatedProperty;
      return { at: `${place(error.instancePath, value, at)}.${key}`, message: `${nameOf(error)}.${key}` };
    });
  return { errors, undeclared };
}

const rfc3339 = fullFormats['date-time'] as { validate: (text: string) => boolean };
const dateTimeShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** One Ajv per document and reading, each with the document's components rewritten for that reading. */
const readers = new WeakMap<object, Map<string, { ajv: Ajv2019; compiled: WeakMap<JsonSchema, ValidateFunction>; reading: OpenApiReading }>>();
const mapRefIds = new WeakMap<(ref: string) => string, number>();
let mapRefCount = 0;

function reader(document: object, reading: Reading) {
  if (reading.mapRef && !mapRefIds.has(reading.mapRef)) mapRefIds.set(reading.mapRef, (mapRefCount += 1));
  const key = `${reading.direction} ${reading.sealSilent} ${reading.mapRef ? mapRefIds.get(reading.mapRef) : 0}`;
  const byReading = readers.get(document) ?? new Map();
  readers.set(document, byReading);
  let found = byReading.get(key);
  if (!found) {
    // An unknown keyword or format, or a keyword of the wrong shape, still stops the compilation
    // (strictSchema); the meta-schema pass over the rewritten schemas and the inlining of every
    // reference are left out: together they made the first check of an Asana answer 3 s instead of 1.
    const ajv = new Ajv2019({ strict: false, strictSchema: true, allErrors: true, verbose: true, inlineRefs: false, validateSchema: false });
    ajvFormats.default(ajv);
    ajv.addFormat('date-time', { type: 'string', validate: (text: string) => dateTimeShape.test(text) && rfc3339.validate(text) });
    // OpenAPI's own keywords, and the converter's notes for the messages: annotations only.
    ajv.addVocabulary(['example', 'xml', 'discriminator', 'externalDocs', 'x-in', 'x-undeclared']);
    ajv.addKeyword({ keyword: 'x-refused', schemaType: 'string', validate: () => false });
    const openApi = new OpenApiReading(document, reading);
    found = { ajv, compiled: new WeakMap(), reading: openApi };
    byReading.set(key, found);
  }
  return found;
}

function validator(document: object, reading: Reading, schema: JsonSchema): { ajv: Ajv2019; validate: ValidateFunction } {
  const { ajv, compiled, reading: openApi } = reader(document, reading);
  let validate = compiled.get(schema);
  if (!validate) {
    const root = openApi.value(schema);
    for (const written of openApi.written.splice(0)) ajv.addSchema(written);
    validate = ajv.compile(root);
    compiled.set(schema, validate);
  }
  return { ajv, validate };
}

function run(document: object, reading: Reading, schema: JsonSchema, value: unknown): ErrorObject[] {
  const { ajv, validate } = validator(document, reading, schema);
  if (validate(value)) return [];
  return readable(ajv, [...(validate.errors ?? [])]);
}

/**
 * Ajv's errors without the ones that only explain another: each alternative's errors before a
 * failed `oneOf`/`anyOf` (the message quotes the first), the `if` of a nullable schema, and
 * whatever else a value of the wrong type breaks where it stands.
 */
function readable(ajv: Ajv2019, errors: ErrorObject[]): ErrorObject[] {
  const kept: ErrorObject[] = [];
  for (let index = errors.length - 1; index >= 0; index -= 1) {
    const error = errors[index] as ErrorObject;
    if (error.keyword === 'if') continue;
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      // Ajv lists the failing alternatives' errors just before; as many as each gives on its own.
      const explained = (error.schema as JsonSchema[]).map((alternative) => {
        const alone = ajv.compile(alternative);
        return alone(error.data) ? [] : (alone.errors ?? []);
      });
      index -= explained.reduce((sum, list) => sum + list.length, 0);
      kept.unshift({ ...error, params: { ...error.params, first: explained[0]?.[0] } });
      continue;
    }
    kept.unshift(error);
  }
  // A value of the wrong type is one finding, however many `allOf` members declare the type.
  const wrongType = new Map<string, ErrorObject>();
  for (const error of kept) if (error.keyword === 'type' && !wrongType.has(error.instancePath)) wrongType.set(error.instancePath, error);
  return kept.filter((error) => !wrongType.has(error.instancePath) || wrongType.get(error.instancePath) === error);
}

function issue(error: ErrorObject, value: unknown, at: string): SchemaIssue {
  const where = place(error.instancePath, value, at);
  const limit = (error.params as { limit?: number }).limit;
  const data = error.data;
  switch (error.keyword) {
    case 'type':
      return { at: where, message: data === null ? `null where ${describe(error)} is declared (not nullable)` : `${JSON.stringify(data)?.slice(0, 60)} is not ${describe(error)}` };
    case 'enum':
      return { at: where, message: `${JSON.stringify(data)} is not one of ${JSON.stringify(error.schema)}` };
    case 'format': {
      const format = error.schema as string;
      return { at: where, message: typeof data === 'number' ? `${data} does not fit ${format}` : `${JSON.stringify(data)} is not a ${format}` };
    }
    case 'required':
      return { at: where, message: `required property "${(error.params as { missingProperty: string }).missingProperty}" is missing` };
    case 'unevaluatedProperties': {
      const key = (error.params as { unevaluatedProperty: string }).unevaluatedProperty;
      return { at: `${where}.${key}`, message: `"${key}" is not a property of ${nameOf(error)} (additionalProperties: false)` };
    }
    case 'x-refused':
      return { at: where, message: `"${where.split('.').pop() as string}" is ${error.schema as string}` };
    case 'oneOf':
    case 'anyOf': {
      const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
      if (error.keyword === 'oneOf' && passing) return { at: where, message: `matches ${passing.length} oneOf alternatives, exactly one allowed` };
      const first = (error.params as { first?: ErrorObject }).first;
      return { at: where, message: `matches none of the ${error.keyword} alternatives (first: ${first ? issue(first, data, '$').message : '?'})` };
    }
    case 'maximum':
      return { at: where, message: `${data as number} is above the maximum ${limit}` };
    case 'minimum':
      return { at: where, message: `${data as number} is below the minimum ${limit}` };
    case 'maxLength':
      return { at: where, message: `longer than ${limit}` };
    case 'minLength':
      return { at: where, message: `shorter than ${limit}` };
    case 'maxItems':
      return { at: where, message: `${(data as unknown[]).length} items, at most ${limit} allowed` };
    case 'minItems':
      return { at: where, message: `${(data as unknown[]).length} items, at least ${limit} required` };
    case 'uniqueItems':
      return { at: where, message: 'items are not unique' };
    default:
      return { at: where, message: `${error.keyword}: ${error.message ?? 'fails'}` };
  }
}

function nameOf(error: ErrorObject): string {
  return (error.parentSchema?.['x-in'] as string | undefined) ?? 'inline';
}

function describe(error: ErrorObject): string {
  const name = nameOf(error);
  const type = (error.schema as string | string[]).toString();
  return name === 'inline' ? `of type ${type}` : `of type ${type} (${name})`;
}

/** Ajv's JSON pointer as the suite writes places: `$.data[0].assignee`. */
function place(pointer: string, value: unknown, at: string): string {
  let node = value;
  let out = at;
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += Array.isArray(node) ? `[${step}]` : `.${step}`;
    node = (node as { [key: string]: unknown } | undefined)?.[step];
  }
  return out;
}
