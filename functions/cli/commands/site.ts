import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { openReportStore } from '../../publish/open.ts';
import { buildSite } from '../../../site/build.ts';
import { serveSite } from '../../../site/serve.ts';
import { configOption, UsageError, type Command } from '../command.ts';
import { materializeLatest } from '../snapshot-dir.ts';

export const siteBuildCommand: Command = {
  name: 'site build',
  summary: 'Build the static report site from a published snapshot',
  usage: `pmpulse site build [--snapshot latest|DIR] [--out DIR] [--config FILE]

--snapshot latest (default) reads latest.json from the configured report store; a DIR must hold
latest.json and the snapshot documents. The site goes to --out (default .pmpulse/site).`,
  options: { ...configOption, snapshot: { type: 'string', default: 'latest' }, out: { type: 'string', default: '.pmpulse/site' } },
  async run(values) {
    const snapshot = values.snapshot as string;
    const outDir = resolve(values.out as string);
    let snapshotDir: string;
    // The config's privacy settings shape the pages; a snapshot folder builds without a config file too.
    const configFile = values.config as string;
    const config = snapshot === 'latest' || existsSync(configFile) ? await loadConfig(configFile) : undefined;
    if (snapshot === 'latest') {
      snapshotDir = await materializeLatest(openReportStore(config!.reports), resolve('.pmpulse/site-snapshot'));
    } else {
      snapshotDir = resolve(snapshot);
      if (!existsSync(resolve(snapshotDir, 'latest.json'))) throw new UsageError(`--snapshot ${snapshot}: no latest.json there`);
    }
    const { pages, ms } = await buildSite({ snapshotDir, outDir, logLevel: 'silent', ...(config ? { privacy: config.privacy } : {}) });
    process.stdout.write(`built ${pages} pages into ${outDir} in ${(ms / 1000).toFixed(1)} s\n`);
    return 0;
  },
};

export const siteServeCommand: Command = {
  name: 'site serve',
  summary: 'Serve a built site on localhost',
  usage: `pmpulse site serve [--dir DIR] [--port N] [--host ADDRESS]

Serves --dir (default .pmpulse/site) until interrupted.`,
  options: { dir: { type: 'string', default: '.pmpulse/site' }, port: { type: 'string', default: '4321' }, host: { type: 'string', default: '127.0.0.1' } },
  async run(values) {
    const dir = resolve(values.dir as string);
    if (!existsSync(resolve(dir, 'index.html'))) throw new UsageError(`--dir ${dir}: no built site there (run pmpulse site build)`);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
    const server = await serveSite({ dir, port, host: values.host as string });
    process.stdout.write(`serving ${dir} at ${server.url}\n`);
    await waitForInterrupt();
    await server.close();
    return 0;
  },
};

export function waitForInterrupt(): Promise<void> {
  return new Promise((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}
