import { readFileSync } from 'node:fs';
import { issueFields } from './jira-issue-fields.ts';
import { VendorContract } from './openapi-operations.ts';
import { vendorDocuments, type Vendor } from './vendor-operations.ts';

/** The vendors' documents as the project keeps them (test/fixtures/vendor-openapi/), ready to check exchanges. */
export function loadVendorDocument(vendor: Vendor): object {
  return JSON.parse(readFileSync(new URL(`../fixtures/vendor-openapi/${vendorDocuments[vendor].extract}`, import.meta.url), 'utf8')) as object;
}

export function vendorContract(vendor: Vendor): VendorContract {
  const document = loadVendorDocument(vendor);
  // Scoped API tokens reach the same paths under https://api.atlassian.com/ex/jira/{cloudId}.
  if (vendor === 'jira') return new VendorContract(document, { embedded: issueFields, otherBases: [/^\/ex\/jira\/[^/]+(?=\/rest\/)/] });
  // Asana answers `opt_fields` with fields of the full record (`TaskResponse`), declared or not on the compact one.
  return new VendorContract(document, {
    fullRecordsParameter: 'opt_fields',
    fieldPathParameter: 'opt_fields',
    fullForm: (ref) => {
      const full = ref.replace(/Compact$/, 'Response');
      const schemas = (document as { components: { schemas: Record<string, unknown> } }).components.schemas;
      return full !== ref && full.split('/').pop()! in schemas ? full : ref;
    },
  });
}
