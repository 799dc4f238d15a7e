import { request as forward } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema, type Config } from '../../functions/config/index.ts';
import { demoCredentials, generateOrg, type DemoOrg, type DemoScale } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer, type RunningServer } from '../../demo/servers/index.ts';
import { listen, type Listening } from '../../demo/servers/listen.ts';
import { trimOrg } from './world.ts';

/**
 * A demo org served by the demo Jira and Asana servers behind one relay per system that counts
 * every request (what a sync costs in API calls) and can switch to an edited org mid-sync, as
 * people edit a real site while a long first sync runs.
 */
export interface CountingWorld {
  org: DemoOrg;
  env: NodeJS.ProcessEnv;
  /** Requests the sources answered so far, both systems together. */
  requests(): number;
  config(name: string): Config;
  /** From now on the servers answer from `org`. */
  serve(org: DemoOrg): Promise<void>;
  /** Every page token handed out so far (Jira search tokens, Asana offsets) is refused from now on, as an expired one. */
  expirePageTokens(): void;
  close(): Promise<void>;
}

/**
 * `now`: the servers' clock (the worklog feeds show what settled before it); the wall clock when
 * absent. `maxIdPage`: the largest page of Jira's ids-only search, so a small org's id listing
 * takes as many pages as a large site's.
 */
export async function startCountingWorld(options: { scale: DemoScale; projects?: number; now?: () => Date; maxIdPage?: number }): Promise<CountingWorld> {
  const full = generateOrg({ seed: 11, scale: options.scale, asOf: '2026-03-31' });
  const org = options.projects === undefined ? full : trimOrg(full, options.projects);
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-deadline-'));
  const startServers = (served: DemoOrg) =>
    Promise.all([startJiraServer(served, { ...serverOptions, ...(options.maxIdPage ? { maxIdPage: options.maxIdPage } : {}) }), startAsanaServer(served, serverOptions)]);
  const serverOptions = options.now ? { now: options.now } : {};
  let servers = await startServers(org);
  let requests = 0;
  const relay = (pick: (running: RunningServer[]) => RunningServer) =>
    listen((incoming, body, outgoing) => {
      requests += 1;
      const target = new URL(pick(servers).url);
      const upstream = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } }, (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(outgoing);
      });
      upstream.on('error', () => incoming.socket.destroy());
      upstream.end(body);
    });
  const relays: Listening[] = [await relay((running) => running[0]!), await relay((running) => running[1]!)];
  const env = { ...process.env, DEADLINE_JIRA_TOKEN: demoCredentials.jira.token, DEADLINE_ASANA_TOKEN: demoCredentials.asana.token };
  return {
    org,
    env,
    requests: () => requests,
    config: (name) =>
      ConfigSchema.parse({
        store: { type: 'embedded', dir: join(dir, name, 'db'), table: 'pmpulse' },
        reports: { type: 'dir', dir: join(dir, name, 'reports') },
        sources: [
          { type: 'jira', name: 'jira', baseUrl: relays[0]!.origin, email: demoCredentials.jira.email, tokenEnv: 'DEADLINE_JIRA_TOKEN' },
          { type: 'asana', name: 'asana', baseUrl: `${relays[1]!.origin}/api/1.0`, tokenEnv: 'DEADLINE_ASANA_TOKEN' },
        ],
      }),
    expirePageTokens() {
      servers[0].expirePageTokens();
      servers[1].expireOffsets();
    },
    async serve(next) {
      const old = servers;
      servers = await startServers(next);
      await Promise.all(old.map((server) => server.close()));
    },
    async close() {
      await Promise.all(relays.map((listening) => listening.close()));
      await Promise.all(servers.map((server) => server.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
