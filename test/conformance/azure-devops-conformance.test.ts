import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AzureDevOpsSourceSchema } from '../../functions/config/azure-devops.ts';
import { azureDevOpsConnector } from '../../functions/connectors/azure-devops/index.ts';
import { generateOrg } from '../../demo/generator/index.ts';
import { ADO_ORGANIZATION, ADO_TOKEN, withAzureDevOpsProjects } from '../../demo/generator/variations/azure-devops-projects.ts';
import { startAzureDevOpsServer } from '../../demo/servers/azure-devops-server.ts';
import { adoFixtureRoutes, adoFixtureState, adoOrganization, adoToken } from '../connectors/contract/azure-devops-fixture-server.ts';
import { fixedNow } from '../connectors/fixtures.ts';
import { drain } from '../connectors/helpers/drain.ts';
import { recordingSleep, silentLog, startLocalServer } from '../connectors/helpers/local-server.ts';
import { adoDocuments, adoExtractFile, extractAzureDevOps, readAdoDocument } from './azure-devops-openapi.ts';
import { VendorContract, type Exchange, type Finding } from './openapi-operations.ts';
import { startRecordingProxy } from './recording-proxy.ts';

/**
 * Every request the Azure DevOps connector sends, and every answer the demo and fixture servers
 * give it, against Microsoft's own documents (as the OpenAPI 3.0 extract azure-devops-openapi.ts
 * writes): a first sync with 429s and 503s, then syncs resumed an hour and two days later.
 */

const extract = JSON.parse(readFileSync(new URL(`../fixtures/vendor-openapi/${adoExtractFile}`, import.meta.url), 'utf8')) as object;
const identityFields = ['System.AssignedTo', 'System.ChangedBy', 'System.CreatedBy'];

/** Identity values inside `WorkItem.fields` (any map in the document) against `IdentityRef`. */
function identities(_operation: string, response: unknown) {
  const batch = response as { values?: { fields?: Record<string, unknown> }[]; value?: { fields?: Record<string, unknown> }[] } | undefined;
  const items = batch?.values ?? batch?.value ?? [];
  return items.flatMap((item, index) =>
    identityFields.filter((field) => item.fields?.[field] !== undefined).map((field) => ({ at: `$.values[${index}].fields["${field}"]`, schema: { $ref: '#/components/schemas/IdentityRef' }, value: item.fields![field] })),
  );
}

const contract = new VendorContract(extract, { embedded: identities });
const hour = 3_600_000;

async function observe(upstream: { url: string; close(): Promise<void> }, start: number, token: string): Promise<Exchange[]> {
  const proxy = await startRecordingProxy(upstream.url);
  try {
    let cursor: string | undefined;
    for (const offset of [0, hour, 48 * hour]) {
      const source = AzureDevOpsSourceSchema.parse({ type: 'azure-devops', name: 'ado-observed', baseUrl: proxy.url, organization: token === ADO_TOKEN ? ADO_ORGANIZATION : adoOrganization, tokenEnv: 'ADO_TOKEN', areaPathDepth: 2 });
      const context = { source, token, fetch, now: () => new Date(start + offset), log: silentLog, sleep: recordingSleep().sleep, random: () => 0, ...(cursor ? { cursor } : {}) };
      cursor = rewound((await drain(azureDevOpsConnector.read(context))).cursor!);
    }
    return proxy.exchanges;
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

/**
 * The cursor with each watermark moved back halfway (both servers' watermarks are positions in the
 * feed): the next sync meets work items in the middle of their history, as after new revisions,
 * and reads their whole history (`workItems/{id}/revisions`).
 */
function rewound(cursor: string): string {
  const state = JSON.parse(cursor) as { v: 1; tokens: Record<string, string> };
  return JSON.stringify({ ...state, tokens: Object.fromEntries(Object.entries(state.tokens).map(([project, token]) => [project, String(Math.floor(Number(token) / 2))])) });
}

/** 429 and 503 are declared by no operation; Azure DevOps' rate-limit guide describes 429 with Retry-After, and 5xx happen. */
const accepted = (finding: Finding) => finding.kind === 'status' && /^answers (429|503),/.test(finding.message);
const show = (findings: Finding[]) => [...new Set(findings.filter((finding) => !accepted(finding)).map((finding) => `${finding.kind}: ${finding.operation}: ${finding.message.replace(/\[\d+\]/g, '[]')}`))];

describe('the Azure DevOps connector against the Azure DevOps documents', () => {
  const traffic: Record<'demo' | 'fixture', Exchange[]> = { demo: [], fixture: [] };

  beforeAll(async () => {
    const org = withAzureDevOpsProjects(generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' }));
    const demo = await startAzureDevOpsServer(org, { faults: { rateLimitEvery: 7, retryAfterSeconds: 2, serverErrorEvery: 11 } });
    // The organization is in the connector's paths: the proxy stands for the service root.
    traffic.demo = await observe({ url: demo.url.replace(/\/[^/]+$/, ''), close: demo.close }, org.now, ADO_TOKEN);
    const state = adoFixtureState(true);
    const fixture = await startLocalServer((request, response) => adoFixtureRoutes(request, response, state));
    traffic.fixture = await observe(fixture, fixedNow().getTime(), adoToken);
    for (const server of ['demo', 'fixture'] as const) {
      const findings = traffic[server].flatMap((exchange) => contract.check(exchange));
      console.log(`azure-devops ${server}: ${traffic[server].length} exchanges, ${findings.filter(accepted).length} accepted 429/503 answers, ${show(findings).length} other findings`);
    }
  }, 120_000);

  for (const server of ['demo', 'fixture'] as const) {
    it(`sends only declared operations and parameters, and gets declared answers (${server} server)`, () => {
      const findings = traffic[server].flatMap((exchange) => contract.check(exchange));
      expect(show(findings)).toEqual([]);
    });

    it(`makes every call the source depends on (${server} server)`, () => {
      const seen = new Set(traffic[server].map((exchange) => contract.operationOf(exchange)));
      for (const path of Object.values(adoDocuments).flatMap((operations) => Object.keys(operations))) expect([...seen]).toContain(`GET ${path}`);
      expect(traffic[server].some((exchange) => exchange.status === 429)).toBe(true);
    });
  }

  it('checks what it claims: a wrong answer and an undeclared parameter are found', () => {
    const path = `/${ADO_ORGANIZATION}/p/_apis/wit/reporting/workitemrevisions`;
    const wrong = contract.check({ method: 'GET', path, query: [['api-version', '7.2-preview.2'], ['since', 'x']], status: 200, response: { values: [{ id: 'seven', fields: { 'System.ChangedBy': { id: 3 } } }], isLastBatch: 'no' } });
    const messages = wrong.map((finding) => `${finding.kind} ${finding.message}`).join('\n');
    expect(messages).toMatch(/query .*"since" is not declared/);
    expect(messages).toMatch(/response .*isLastBatch/);
    expect(messages).toMatch(/response .*\.id/);
    expect(messages).toMatch(/System\.ChangedBy/);
  });

  it('keeps every reference of the extract inside it', () => {
    const refs = JSON.stringify(extract).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs.map((text) => text.slice('"$ref":"'.length, -1)))) {
      const target = ref.slice(2).split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], extract);
      expect(target, ref).toBeDefined();
    }
  });

  it('keeps the extract equal to a fresh conversion of the full documents (when they are at hand)', (context) => {
    const folder = process.env['PMPULSE_VENDOR_SPECS'] ?? new URL('../../../shared/vendor-specs', import.meta.url).pathname;
    const files = Object.keys(adoDocuments);
    if (!files.every((file) => existsSync(`${folder}/${file}`))) {
      console.log(`skipped: the Azure DevOps documents are not in ${folder}`);
      return context.skip();
    }
    const documents = Object.fromEntries(files.map((file) => [file, readAdoDocument(`${folder}/${file}`).document]));
    expect(extractAzureDevOps(documents)).toEqual(extract);
  });
});
