import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../functions/contract/documents.ts';
import { jsonSchemas } from '../../functions/contract/json-schemas.ts';

/**
 * The JSON Schemas a reader of the published JSON gets are committed beside the contract
 * (functions/contract/schemas/v<N>/), so they can be read without a publish. Generated from the
 * zod schemas; a change lands in `<name>.schema.changed.json` for review, and the committed file is
 * replaced by hand (a changed contract is a decision, not a side effect).
 */
const dir = new URL(`../../functions/contract/schemas/v${SCHEMA_VERSION}/`, import.meta.url);

describe('the committed JSON Schemas', () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    it(`${name}.schema.json is what the zod schemas generate`, async () => {
      const committed = JSON.parse(await readFile(new URL(`${name}.schema.json`, dir), 'utf8'));
      const generated = JSON.parse(JSON.stringify(schema));
      if (JSON.stringify(committed) !== JSON.stringify(generated)) {
        await writeFile(new URL(`${name}.schema.changed.json`, dir), `${JSON.stringify(generated, null, 2)}\n`);
      }
      expect(generated).toEqual(committed);
    });
  }
});
