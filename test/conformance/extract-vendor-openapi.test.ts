import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultVendorFolder, extract, readDocument } from './extract-vendor-openapi.ts';
import { loadVendorDocument } from './vendor-contracts.ts';
import { vendorDocuments, type Vendor } from './vendor-operations.ts';

/** The kept extracts are what the script makes of the vendors' documents, and stand on their own. */

const vendors = Object.keys(vendorDocuments) as Vendor[];
const folder = process.env['PMPULSE_VENDOR_SPECS'] ?? defaultVendorFolder;
const fullDocuments = vendors.every((vendor) => existsSync(resolve(folder, vendorDocuments[vendor].source)));
if (!fullDocuments) console.log(`The vendors' full documents are not in ${folder} (set PMPULSE_VENDOR_SPECS): the extracts are not compared with a fresh extraction.`);

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refs(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refs(item, found);
    }
  }
  return found;
}

describe('the vendor OpenAPI extracts', () => {
  for (const vendor of vendors) {
    it(`${vendor}: keeps exactly the listed operations, and every reference resolves inside the extract`, () => {
      const document = loadVendorDocument(vendor) as { paths: Record<string, Record<string, unknown>> };
      const operations = Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [path, Object.keys(item).filter((key) => key !== 'parameters')]));
      expect(operations).toEqual(vendorDocuments[vendor].operations);
      for (const ref of refs(document)) {
        const target = ref.slice(2).split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
        expect(target, ref).toBeDefined();
      }
    });

    it.skipIf(!fullDocuments)(`${vendor}: equals a fresh extraction from the vendor's full document`, () => {
      const spec = vendorDocuments[vendor];
      const fresh = extract(readDocument(resolve(folder, spec.source)).document, spec.operations);
      const kept = readFileSync(new URL(`../fixtures/vendor-openapi/${spec.extract}`, import.meta.url), 'utf8');
      expect(`${JSON.stringify(fresh, null, 1)}\n`).toBe(kept);
    });
  }
});
