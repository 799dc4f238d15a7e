import { parseConfig, type Config } from '../../functions/config/index.ts';
import { demoCredentials, generateOrg, type DemoScale } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer } from '../../demo/servers/index.ts';
import { runSync } from '../../functions/pipeline/index.ts';
import { silentLogger } from '../../functions/runtime/logger.ts';

/**
 * API pages recorded once from the local Jira and Asana servers, then served from memory: the
 * connector benchmark then times parsing, validation and mapping, not HTTP or the demo servers.
 */

interface Page {
  status: number;
  body: string;
}

export interface Recording {
  /** A config naming both sources; its base URLs are the recorded ones (the servers are gone). */
  config: Config;
  env: NodeJS.ProcessEnv;
  pages: ReadonlyMap<string, Page>;
}

export const TOKEN_ENV = { jira: 'PMPULSE_BENCH_JIRA_TOKEN', asana: 'PMPULSE_BENCH_ASANA_TOKEN' };
const env = { [TOKEN_ENV.jira]: demoCredentials.jira.token, [TOKEN_ENV.asana]: demoCredentials.asana.token };

const urlOf = (input: Parameters<typeof fetch>[0]) => (input instanceof Request ? input.url : String(input));

export function benchConfig(jiraUrl: string, asanaUrl: string, storeDir: string): Config {
  return parseConfig({
    store: { type: 'embedded', dir: storeDir },
    reports: { type: 'dir', dir: `${storeDir}-reports` },
    sources: [
      { type: 'jira', name: 'jira', baseUrl: jiraUrl, email: demoCredentials.jira.email, tokenEnv: TOKEN_ENV.jira },
      { type: 'asana', name: 'asana', baseUrl: asanaUrl, tokenEnv: TOKEN_ENV.asana },
    ],
  });
}

/** Syncs the demo organisation once over HTTP, keeping every answer by URL. */
export async function recordPages(scale: DemoScale, storeDir: string): Promise<Recording> {
  const org = generateOrg({ seed: 42, scale, asOf: '2026-11-01' });
  const [jira, asana] = await Promise.all([startJiraServer(org), startAsanaServer(org)]);
  const pages = new Map<string, Page>();
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const page = { status: response.status, body: await response.text() };
    pages.set(urlOf(input), page);
    return new Response(page.body, { status: page.status, headers: response.headers });
  };
  try {
    const config = benchConfig(jira.url, asana.url, storeDir);
    const summary = await runSync(config, { fetch: recording, log: silentLogger, env });
    if (!summary.ok) throw new Error(`recording sync failed: ${summary.runs.map((run) => run.error).join('; ')}`);
    return { config, env, pages };
  } finally {
    await Promise.all([jira.close(), asana.close()]);
  }
}

/** A fetch that answers from the recording; a request it never saw is a benchmark bug, so it fails loudly. */
export function replayFetch(pages: ReadonlyMap<string, Page>): typeof fetch {
  return async (input) => {
    const page = pages.get(urlOf(input));
    if (!page) throw new Error(`no recorded page for ${urlOf(input)}`);
    return new Response(page.body, { status: page.status, headers: { 'content-type': 'application/json' } });
  };
}
