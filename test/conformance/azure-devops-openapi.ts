/**
 * Azure DevOps publishes its REST documents as Swagger 2.0 (Work Item Tracking and Core 7.2). The
 * conformance checker reads OpenAPI 3.0, so this writes the operations pmpulse calls as an OpenAPI
 * 3.0 extract (test/fixtures/vendor-openapi/azure-devops-7.2.subset.json), without prose or
 * vendor extensions, and with three readings the documents leave to their generated clients
 * (docs/source-api-subset.md, "What the documents could not settle"):
 *
 * - a collection answer is declared as the bare array; the service wraps every collection as
 *   `{count, value}` (its clients unwrap it): the extract declares the wrapper;
 * - `StreamedBatch.values` is declared as strings of format `T` (a C# generic): for the revisions
 *   feed, `T` is `WorkItem`;
 * - `WorkItem.fields` is a map of `object`, yet field values are strings, numbers and identities:
 *   any JSON value (the identity fields are checked against `IdentityRef` on their own).
 *
 *     node test/conformance/azure-devops-openapi.ts [folder of the vendor documents]
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { refsIn, stripProse, type Json, type JsonObject } from './vendor-json.ts';


export const adoDocuments = {
  'azure-devops-wit-7.2.json': {
    '/{organization}/{project}/_apis/wit/reporting/workitemrevisions': ['get'],
    '/{organization}/{project}/_apis/wit/workItems/{id}/revisions': ['get'],
    '/{organization}/{project}/_apis/wit/workitemtypes/{type}/states': ['get'],
    '/{organization}/{project}/_apis/wit/recyclebin': ['get'],
  },
  'azure-devops-core-7.2.json': {
    '/{organization}/_apis/projects': ['get'],
    '/{organization}/_apis/projects/{projectId}/teams': ['get'],
  },
} as const;

export const adoExtractFile = 'azure-devops-7.2.subset.json';

const prose = new Set(['description', 'example', 'examples', 'tags', 'externalDocs', 'summary', 'operationId', 'security']);

const strip = (value: Json): Json => stripProse(value, prose);

/** Swagger 2.0 `#/definitions/X` → OpenAPI 3.0 `#/components/schemas/X`. */
function moveRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(moveRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' ? item.replace('#/definitions/', '#/components/schemas/') : moveRefs(item)]));
}


/** A Swagger 2.0 query or path parameter as OpenAPI 3.0 writes it; `array (string)` is a comma list. */
function parameter(raw: JsonObject): JsonObject {
  const schema: JsonObject = raw['format'] === 'array (string)' ? { type: 'array', items: { type: 'string' } } : { type: raw['type'] as Json };
  if (raw['format'] !== undefined && raw['format'] !== 'array (string)') schema['format'] = raw['format'] as Json;
  if (raw['enum'] !== undefined) schema['enum'] = raw['enum'] as Json;
  return { name: raw['name'] as Json, in: raw['in'] as Json, required: raw['required'] === true, schema };
}

/** The `{count, value}` envelope the service puts around every collection. */
function wrapped(schema: JsonObject): JsonObject {
  return { type: 'object', required: ['count', 'value'], properties: { count: { type: 'integer', format: 'int32' }, value: schema } };
}

function convert(document: JsonObject, operations: Record<string, readonly string[]>, schemas: JsonObject): JsonObject {
  const paths: JsonObject = {};
  for (const [path, methods] of Object.entries(operations)) {
    const item = (document['paths'] as JsonObject)[path] as JsonObject | undefined;
    if (!item) throw new Error(`the vendor document has no path ${path}`);
    const kept: JsonObject = {};
    for (const method of methods) {
      const operation = item[method] as JsonObject;
      const parameters = (operation['parameters'] as JsonObject[]).map((raw) => (typeof raw['$ref'] === 'string' ? ((document['parameters'] as JsonObject)[(raw['$ref'] as string).split('/').pop()!] as JsonObject) : raw));
      const responses: JsonObject = {};
      for (const [status, response] of Object.entries(operation['responses'] as JsonObject)) {
        const schema = (response as JsonObject)['schema'] as JsonObject | undefined;
        const body = schema && schema['type'] === 'array' ? wrapped(schema) : schema;
        responses[status] = { description: 'successful operation', ...(body ? { content: { 'application/json': { schema: moveRefs(strip(body)) } } } : {}) };
      }
      kept[method] = { parameters: parameters.map(parameter), responses };
    }
    paths[path] = kept;
  }
  const pending = [...refsIn(paths, new Set())];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const name = (pending.pop() as string).split('/').pop()!;
    const target = moveRefs(strip((document['definitions'] as JsonObject)[name] as Json)) as JsonObject;
    schemas[name] = readings(name, target);
    for (const next of refsIn(target, new Set())) {
      if (!seen.has(next)) {
        seen.add(next);
        pending.push(next);
      }
    }
  }
  return paths;
}

/** The readings the header names, applied where the documents leave a generic or a placeholder. */
function readings(name: string, schema: JsonObject): JsonObject {
  const properties = schema['properties'] as JsonObject | undefined;
  if (name === 'StreamedBatch' && properties) return { ...schema, properties: { ...properties, values: { type: 'array', items: { $ref: '#/components/schemas/WorkItem' } } } };
  if (name === 'WorkItem' && properties) return { ...schema, properties: { ...properties, fields: { type: 'object', additionalProperties: {} } } };
  return schema;
}

export function readAdoDocument(file: string): { document: JsonObject; sha256: string } {
  const text = readFileSync(file, 'utf8');
  return { document: JSON.parse(text.replace(/^\uFEFF/, '')) as JsonObject, sha256: createHash('sha256').update(text).digest('hex') };
}

export function extractAzureDevOps(documents: Record<string, JsonObject>): JsonObject {
  const schemas: JsonObject = {};
  const paths: JsonObject = {};
  for (const [file, operations] of Object.entries(adoDocuments)) Object.assign(paths, convert(documents[file]!, operations, schemas));
  // The fields identity values are checked against (azure-devops-conformance.test.ts).
  const wit = documents['azure-devops-wit-7.2.json']!;
  for (const name of ['IdentityRef', 'GraphSubjectBase', 'ReferenceLinks']) {
    if (schemas[name] === undefined) schemas[name] = moveRefs(strip((wit['definitions'] as JsonObject)[name] as Json));
  }
  const info = wit['info'] as JsonObject;
  return {
    openapi: '3.0.3',
    info: { title: 'Azure DevOps Services REST 7.2 (Work Item Tracking and Core), the operations pmpulse calls', version: info['version'] as Json, license: { name: 'MIT' } },
    servers: [{ url: 'https://dev.azure.com' }],
    paths,
    components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
  };
}

function main(): void {
  const folder = resolve(process.argv[2] ?? new URL('../../../shared/vendor-specs', import.meta.url).pathname);
  const documents: Record<string, JsonObject> = {};
  const sums: string[] = [];
  for (const file of Object.keys(adoDocuments)) {
    const { document, sha256 } = readAdoDocument(resolve(folder, file));
    documents[file] = document;
    sums.push(`\`${file}\` sha256 \`${sha256}\``);
  }
  const extract = extractAzureDevOps(documents);
  writeFileSync(new URL(`../fixtures/vendor-openapi/${adoExtractFile}`, import.meta.url), `${JSON.stringify(extract, null, 1)}\n`);
  console.log(`${adoExtractFile}: ${Object.keys(extract['paths'] as JsonObject).length} paths from ${sums.join(', ')}`);
}

if (import.meta.main) main();
