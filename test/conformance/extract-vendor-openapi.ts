/**
 * Regenerates test/fixtures/vendor-openapi/ from the vendors' full OpenAPI documents: only the
 * operations in vendor-operations.ts and the components they reach, without prose, examples or
 * vendor extensions (`x-*`), so the conformance suite runs from a plain clone.
 *
 *     node test/conformance/extract-vendor-openapi.ts [folder of the vendor documents]
 *
 * The folder defaults to ../shared/vendor-specs beside the repository. Asana's document is YAML,
 * read with js-yaml (a dev dependency); the extracts are JSON.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { refsIn, stripProse, type Json, type JsonObject } from './vendor-json.ts';
import { load as loadYaml } from 'js-yaml';
import { vendorDocuments, type VendorDocument } from './vendor-operations.ts';


const repository = new URL('../../', import.meta.url).pathname;
const output = new URL('../fixtures/vendor-openapi/', import.meta.url).pathname;

/** Annotations only a reader needs; property *names* with these spellings are kept. */
const prose = new Set(['description', 'example', 'examples', 'tags', 'externalDocs']);

const strip = (value: Json): Json => stripProse(value, prose);


/**
 * Asana answers a request with `opt_fields` with fields of the full record (`TaskResponse`)
 * although the operation declares the compact one (`TaskCompact`): keep the full form too.
 */
function fullForm(document: JsonObject, ref: string): string[] {
  if (!ref.startsWith('#/components/schemas/') || !ref.endsWith('Compact')) return [];
  const full = `${ref.slice(0, -'Compact'.length)}Response`;
  const schemas = (document['components'] as JsonObject)['schemas'] as JsonObject;
  return full.split('/').pop()! in schemas ? [full] : [];
}

function pointer(document: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
  let at: Json = document;
  for (const part of ref.slice(2).split('/')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at) || !(part in at)) throw new Error(`dangling reference ${ref}`);
    at = at[part] as Json;
  }
  return at;
}

export function extract(document: JsonObject, operations: VendorDocument['operations']): JsonObject {
  const paths: JsonObject = {};
  const allPaths = document['paths'] as JsonObject;
  for (const [path, methods] of Object.entries(operations)) {
    const item = allPaths[path] as JsonObject | undefined;
    if (!item) throw new Error(`the vendor document has no path ${path}`);
    const kept: JsonObject = {};
    if (item['parameters']) kept['parameters'] = item['parameters'];
    for (const method of methods) {
      if (!item[method]) throw new Error(`the vendor document has no ${method.toUpperCase()} ${path}`);
      kept[method] = item[method] as Json;
    }
    paths[path] = strip(kept);
  }
  const components: Record<string, JsonObject> = {};
  const pending = [...refsIn(paths, new Set())];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const ref = pending.pop() as string;
    const [, , section, name] = ref.split('/') as [string, string, string, string];
    const target = strip(pointer(document, ref));
    (components[section] ??= {})[name] = target;
    for (const next of [...refsIn(target, new Set()), ...fullForm(document, ref)]) {
      if (!seen.has(next)) {
        seen.add(next);
        pending.push(next);
      }
    }
  }
  const sorted = Object.fromEntries(
    Object.entries(components)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([section, entries]) => [section, Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)))]),
  );
  const info = document['info'] as JsonObject;
  return { openapi: document['openapi'] as Json, info: { title: info['title'] as Json, version: info['version'] as Json, license: info['license'] as Json }, servers: strip(document['servers'] as Json), paths, components: sorted };
}

export function readDocument(file: string): { document: JsonObject; sha256: string } {
  const text = readFileSync(file, 'utf8');
  const document = (file.endsWith('.json') ? JSON.parse(text) : loadYaml(text)) as JsonObject;
  return { document, sha256: createHash('sha256').update(text).digest('hex') };
}

/** Where the full documents sit beside a checkout of the repository. */
export const defaultVendorFolder = resolve(repository, '../shared/vendor-specs');

function main(): void {
  const folder = resolve(process.argv[2] ?? defaultVendorFolder);
  const lines: string[] = [];
  for (const [vendor, spec] of Object.entries(vendorDocuments)) {
    const { document, sha256 } = readDocument(resolve(folder, spec.source));
    const trimmed = extract(document, spec.operations);
    writeFileSync(resolve(output, spec.extract), `${JSON.stringify(trimmed, null, 1)}\n`);
    const schemas = Object.keys((trimmed['components'] as Record<string, JsonObject>)['schemas'] ?? {}).length;
    lines.push(`| \`${spec.extract}\` | ${vendor} | \`${spec.source}\` sha256 \`${sha256}\` | ${Object.keys(trimmed['paths'] as JsonObject).length} paths, ${schemas} schemas |`);
  }
  writeFileSync(resolve(output, 'EXTRACTS.md'), `# Extracts and their sources\n\nWritten by \`node test/conformance/extract-vendor-openapi.ts\`; see PROVENANCE.md.\n\n| extract | vendor | taken from | keeps |\n|---|---|---|---|\n${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

if (import.meta.main) main();
