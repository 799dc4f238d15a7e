import * as z from 'zod';
import { documentSchemas, LatestSchema } from './documents.ts';
import { DOCUMENT_NAMES } from './layout.ts';

/**
 * JSON Schema of every published document and of `latest.json`, by short name, generated from the
 * zod schemas. The same files are committed under functions/contract/schemas/ (a golden test keeps
 * them equal), so a reader sees the contract without running a publish.
 */
export function jsonSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = { latest: z.toJSONSchema(LatestSchema) };
  for (const name of DOCUMENT_NAMES) schemas[name.replace(/\.json$/, '')] = z.toJSONSchema(documentSchemas[name]);
  return schemas;
}
