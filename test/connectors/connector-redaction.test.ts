import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { createHttpClient } from '../../functions/connectors/kit/http-client.ts';
import { createRedactor } from '../../functions/connectors/kit/redact.ts';
import { openRuntime } from '../../functions/pipeline/runtime.ts';
import { silentLogger } from '../../functions/runtime/logger.ts';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer } from '../../demo/servers/index.ts';
import type { RunningServer } from '../../demo/servers/index.ts';
import { trimOrg } from '../faults/world.ts';
import { storeState } from '../faults/store-state.ts';
import { startEchoProxy, tokenEchoes, type EchoProxy } from './helpers/echo-proxy.ts';
import { recordingSleep, startLocalServer, type LocalServer } from './helpers/local-server.ts';

/** A token with characters that URL-encoding and base64 both change. */
const TOKEN = 'tok/+=&é SECRET-4e1d9';
const EMAIL = demoCredentials.jira.email;
const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

/** Every form of the token an answer echoed: none may reach a message, a log line, the store or the CLI. */
const forbidden = [
  ...tokenEchoes(TOKEN, basic(EMAIL, TOKEN)),
  ...tokenEchoes(TOKEN, `Bearer ${TOKEN}`),
  encodeURIComponent(TOKEN).toLowerCase(),
  Buffer.from(TOKEN).toString('base64url'),
  Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64'),
  'SECRET-4e1d9',
];
const leaks = (text: string) => forbidden.filter((form) => text.includes(form));

describe('createRedactor', () => {
  const redact = createRedactor([TOKEN]);
  const cases: [string, string][] = [
    ['as sent', TOKEN],
    ['URL-encoded', encodeURIComponent(TOKEN)],
    ['URL-encoded, lower-case hex', encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ['form-encoded', new URLSearchParams({ t: TOKEN }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(TOKEN).slice(1, -1)],
    ['base64', Buffer.from(TOKEN).toString('base64')],
    ['base64url', Buffer.from(TOKEN).toString('base64url')],
    ['Basic, email of length 5', Buffer.from(`a@b.c:${TOKEN}`).toString('base64')],
    ['Basic, email of length 6', Buffer.from(`ab@b.c:${TOKEN}`).toString('base64')],
    ['Basic, email of length 7', Buffer.from(`abc@b.c:${TOKEN}`).toString('base64')],
    ['base64 of a JSON body quoting it', Buffer.from(JSON.stringify({ token: TOKEN })).toString('base64')],
  ];

  it.each(cases)('blanks the token %s', (_form, encoded) => {
    const text = redact(`before ${encoded} after`);
    expect(text).toMatch(/^before .*\*\*\*.* after$/);
    expect(leaks(text)).toEqual([]);
    // Whatever is left of a base64 form is a few characters of padding, never the secret's own.
    expect(text.length).toBeLessThan(`before ${encoded} after`.length);
  });

  it('leaves other text alone', () => {
    expect(redact('GET https://acme.atlassian.net/rest/api/3/field answered 400 Bad Request')).toBe('GET https://acme.atlassian.net/rest/api/3/field answered 400 Bad Request');
  });
});

describe('createHttpClient error messages', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const echoBodies = {
    jira: JSON.stringify({ errorMessages: [`token ${TOKEN} invalid`], errors: { sent: encodeURIComponent(TOKEN), auth: basic(EMAIL, TOKEN) } }),
    asana: JSON.stringify({ errors: [{ message: `${Buffer.from(TOKEN).toString('base64')} refused`, phrase: '6 sad squid snuggle softly', help: encodeURIComponent(TOKEN) }] }),
    text: `<html>${tokenEchoes(TOKEN, basic(EMAIL, TOKEN)).join(' ')}</html>`,
  };
  const answers: [number, keyof typeof echoBodies, RegExp][] = [
    [400, 'jira', /answered 400 Bad Request$/],
    [404, 'text', /answered 404 Not Found$/],
    [409, 'asana', /answered 409 Conflict \(error phrase "6 sad squid snuggle softly"\)$/],
    [500, 'asana', /answered 500 Internal Server Error after 3 attempts \(error phrase "6 sad squid snuggle softly"\)$/],
    [502, 'text', /answered 502 Bad Gateway after 3 attempts$/],
    [401, 'jira', /was refused \(401\)/],
    [200, 'text', /answered an unexpected shape: body is not JSON \(\d+ characters, markup\)$/],
  ];

  it.each(answers)('names status %i and no part of a %s body that echoes the token', async (status, kind, expected) => {
    server = await startLocalServer((_req, res) => res.writeHead(status, { 'content-type': kind === 'text' ? 'text/html' : 'application/json' }).end(echoBodies[kind]));
    const lines: string[] = [];
    const http = createHttpClient({
      source: 'jira-main', fetch, headers: { authorization: basic(EMAIL, TOKEN) }, secrets: [TOKEN, basic(EMAIL, TOKEN).slice(6)],
      maxAttempts: 3, sleep: recordingSleep().sleep, random: () => 0.5, onRetry: (notice) => lines.push(JSON.stringify(notice)),
    });
    const error = await http.getJson(`${server.url}/rest/api/3/field`).then(() => expect.fail('expected a rejection'), (caught: unknown) => caught as Error);
    expect(error.message).toMatch(expected);
    // Every field of the error, its cause included, as a log line or a debugger would print them.
    expect(leaks(`${error.message}\n${inspect(error, { depth: 5 })}\n${JSON.stringify(error)}\n${lines.join('\n')}`)).toEqual([]);
  });
});

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/pmpulse.js', ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

describe('pmpulse sync against a gateway that echoes the token in its error answers', () => {
  const servers: RunningServer[] = [];
  const proxies: EchoProxy[] = [];
  let dir: string;
  let configFile: string;
  let run: { code: number; output: string };

  beforeAll(async () => {
    const org = trimOrg(generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' }), 2);
    const firstTask = (system: string) => org.tasks.find((task) => org.projects.find((project) => project.id === task.projectId)?.system === system)!.sourceId;
    servers.push(await startJiraServer(org), await startAsanaServer(org));
    proxies.push(
      await startEchoProxy({
        target: servers[0]!.url, token: TOKEN, malformId: firstTask('jira'),
        authorization: { sent: basic(EMAIL, TOKEN), upstream: basic(EMAIL, demoCredentials.jira.token) },
        break: [
          { path: /\/search\/jql$/, status: 503, body: 'jira', once: true },
          { path: /\/changelog\/bulkfetch$/, status: 400, body: 'jira' },
        ],
      }),
      await startEchoProxy({
        target: servers[1]!.url, token: TOKEN, malformId: firstTask('asana'),
        authorization: { sent: `Bearer ${TOKEN}`, upstream: `Bearer ${demoCredentials.asana.token}` },
        break: [
          { path: /\/time_tracking_entries$/, status: 402, body: 'asana' },
          { path: /\/stories$/, status: 503, body: 'text', once: true },
        ],
      }),
    );
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-redaction-'));
    configFile = join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({
      store: { type: 'embedded', dir: join(dir, 'db') },
      reports: { type: 'dir', dir: join(dir, 'reports') },
      sources: [
        { type: 'jira', name: 'jira', baseUrl: proxies[0]!.url, email: EMAIL, tokenEnv: 'REDACTION_TOKEN' },
        { type: 'asana', name: 'asana', baseUrl: proxies[1]!.url, tokenEnv: 'REDACTION_TOKEN' },
      ],
    }));
    run = await cli(['sync', '--config', configFile], { ...process.env, REDACTION_TOKEN: TOKEN });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await Promise.all(servers.map((server) => server.close()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('retries the 503s, takes the 402 as no time tracking, and fails Jira on its 400, saying what answered how', () => {
    expect(proxies.map((proxy) => proxy.broken)).toEqual([2, expect.any(Number)]);
    expect(proxies[1]!.broken).toBeGreaterThan(2);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/retrying Jira request .*reason=status 503/);
    expect(run.output).toMatch(/retrying Asana request .*reason=status 503/);
    expect(run.output).toMatch(/jira: POST http:\/\/127\.0\.0\.1:\d+\/rest\/api\/3\/changelog\/bulkfetch answered 400 Bad Request/);
    expect(run.output).toMatch(/synced asana .*quarantined=1/);
  });

  it('prints no form of the token in the CLI output and its log lines', () => {
    expect(leaks(run.output)).toEqual([]);
  });

  it('stores no form of the token in quarantine entries, cursors or run records', async () => {
    const runtime = await openRuntime(parseConfig(JSON.parse(await readFile(configFile, 'utf8'))), { env: process.env, log: silentLogger });
    try {
      const state = await storeState(runtime.store, ['jira', 'asana']);
      // The malformed Asana task was quarantined (so the check below has an entry to look at); the
      // failed Jira sync stored nothing.
      expect(state.quarantine.map((entry) => entry.source)).toEqual(['asana']);
      const runs = await runtime.store.listLatestSyncRuns();
      expect(runs.length).toBeGreaterThan(0);
      expect(leaks(JSON.stringify({ quarantine: state.quarantine, cursors: state.cursors, runs }))).toEqual([]);
    } finally {
      await runtime.close();
    }
  });
});
