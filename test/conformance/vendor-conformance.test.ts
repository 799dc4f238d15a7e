import { beforeAll, describe, expect, it } from 'vitest';
import { isKnown, knownDeviations } from './known-deviations.ts';
import type { Finding } from './openapi-operations.ts';
import { observeAll, type Observed } from './observed-syncs.ts';
import { vendorContract } from './vendor-contracts.ts';

/**
 * Every request the Jira and Asana connectors send while syncing the demo servers and the contract
 * tests' fixture servers is an operation of the vendor's own OpenAPI document, and every answer
 * those servers give validates against that operation's response schema.
 */

interface Checked extends Observed {
  findings: Finding[];
  operations: Set<string>;
}

/** What pmpulse's syncs must be seen calling, so that a silent proxy cannot pass as conformance. */
const expectedOperations = {
  jira: [
    'GET /rest/api/3/field',
    'GET /rest/api/3/status',
    'GET /rest/api/3/project/search',
    'GET /rest/api/3/search/jql',
    'POST /rest/api/3/changelog/bulkfetch',
    'GET /rest/api/3/issue/{issueIdOrKey}/worklog',
    'GET /rest/api/3/worklog/updated',
    'GET /rest/api/3/worklog/deleted',
    'POST /rest/api/3/worklog/list',
  ],
  asana: [
    'GET /users/{user_gid}',
    'GET /users',
    'GET /portfolios',
    'GET /portfolios/{portfolio_gid}/items',
    'GET /projects',
    'GET /tasks',
    'GET /tasks/{task_gid}/time_tracking_entries',
  ],
} as const;

const requestKinds = new Set(['unknown-path', 'method', 'query', 'body']);
const show = (findings: Finding[]) => [...new Set(findings.map((finding) => `${finding.kind}: ${finding.operation}: ${finding.message.replace(/\[\d+\]/g, '[]')}`))];

describe("the connectors' traffic against the vendors' OpenAPI documents", () => {
  let checked: Checked[] = [];

  beforeAll(async () => {
    checked = (await observeAll()).map((observed) => {
      const contract = vendorContract(observed.vendor);
      const findings: Finding[] = [];
      const operations = new Set<string>();
      for (const exchange of observed.exchanges) {
        const found = contract.check(exchange);
        findings.push(...found);
        const named = found.find((finding) => finding.kind !== 'unknown-path');
        operations.add(named?.operation ?? contract.operationOf(exchange) ?? `unknown ${exchange.method} ${exchange.path}`);
      }
      return { ...observed, findings, operations };
    });
    for (const entry of checked) console.log(`${entry.vendor} ${entry.server}: ${entry.exchanges.length} exchanges, ${entry.operations.size} operations, ${entry.findings.length} findings`);
  }, 300_000);

  for (const vendor of ['jira', 'asana'] as const) {
    it(`sees the ${vendor} connector make every call pmpulse depends on (demo and fixture servers together)`, () => {
      const seen = new Set(checked.filter((entry) => entry.vendor === vendor).flatMap((entry) => [...entry.operations]));
      for (const operation of expectedOperations[vendor]) expect([...seen]).toContain(operation);
    });

    for (const server of ['demo', 'fixture'] as const) {
      const run = () => checked.find((entry) => entry.vendor === vendor && entry.server === server) as Checked;
      const unexplained = (findings: Finding[]) => findings.filter((finding) => !knownDeviations.some((known) => isKnown(known, vendor, server, finding)));

      describe(`${vendor} connector against the ${server} server`, () => {
        it("sends only the document's operations, with declared parameters and bodies of the declared types", () => {
          expect(show(unexplained(run().findings.filter((finding) => requestKinds.has(finding.kind))))).toEqual([]);
        });

        it("gets only declared statuses, with bodies that validate against the operation's schema", () => {
          expect(show(unexplained(run().findings.filter((finding) => !requestKinds.has(finding.kind))))).toEqual([]);
        });
      });
    }
  }

  it('keeps no known deviation that no exchange shows any more', () => {
    const stale = knownDeviations.filter((known) =>
      checked.every((entry) => !entry.findings.some((finding) => isKnown(known, entry.vendor, entry.server, finding))),
    );
    expect(stale.map((known) => known.why)).toEqual([]);
  });
});
