import type { JsonSchema } from './openapi-json-schema.ts';

/**
 * Whether a dotted field path (`assignee.email`) names a property at every step, following
 * `$ref`s, `allOf` members and arrays to their items; the answer is the first step that names
 * nothing, or undefined when all do. A question about the schema, not about a value: no validator
 * answers it.
 */
export function missingStep(document: object, schema: JsonSchema, path: readonly string[], mapRef?: (ref: string) => string): string | undefined {
  let current: JsonSchema[] = [schema];
  for (const step of path) {
    const next = current.flatMap((candidate) => declarations(document, candidate, step, mapRef, new Set()));
    if (next.length === 0) return step;
    current = next;
  }
  return undefined;
}

/** The schemas a record declares for one property name, across its `allOf` members. */
function declarations(document: object, schema: JsonSchema, name: string, mapRef: ((ref: string) => string) | undefined, chain: ReadonlySet<string>): JsonSchema[] {
  if (typeof schema['$ref'] === 'string') {
    const mapped = mapRef?.(schema['$ref']) ?? schema['$ref'];
    const target = chain.has(mapped) ? schema['$ref'] : mapped;
    const found = (document as { components?: { schemas?: { [key: string]: JsonSchema } } }).components?.schemas?.[target.split('/').pop() as string];
    if (!found) throw new Error(`dangling reference ${target}`);
    return declarations(document, found, name, mapRef, new Set([...chain, target]));
  }
  if (schema['type'] === 'array' && schema['items']) return declarations(document, schema['items'] as JsonSchema, name, mapRef, new Set());
  const own = (schema['properties'] as { [key: string]: JsonSchema } | undefined)?.[name];
  const members = ((schema['allOf'] as JsonSchema[] | undefined) ?? []).flatMap((member) => declarations(document, member, name, mapRef, chain));
  return own ? [own, ...members] : members;
}
