/**
 * Walking vendor JSON documents: the types, stripping prose, collecting references.
 *
 * stripProse:
 * A vendor document without what only a reader needs: the prose keys given and every vendor
 * extension (`x-…`), at any depth. Property *names* with these spellings are kept (under
 * `properties` a key is a field name, not an annotation).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function stripProse(value: Json, prose: ReadonlySet<string>, parentKey = ''): Json {
  if (Array.isArray(value)) return value.map((item) => stripProse(item, prose));
  if (value === null || typeof value !== 'object') return value;
  const names = parentKey === 'properties';
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (!names && (prose.has(key) || key.startsWith('x-'))) continue;
    out[key] = stripProse(item, prose, key);
  }
  return out;
}

/** Every `$ref` pointer inside a value, added to `found`. */
export function refsIn(value: Json, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.add(item);
      else refsIn(item, found);
    }
  }
  return found;
}
