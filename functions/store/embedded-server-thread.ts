import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { closeIteratorsOnReturn } from './level-iterators.ts';

/**
 * The embedded store's server, in its own thread (embedded-server.ts says why). Started with
 * `workerData.dir`; answers `{ port }` once listening, or `{ error }`; on `'close'` stops the
 * server (which closes LevelDB) and answers `'closed'`.
 */
interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}
type Dynalite = (options: DynaliteOptions) => Server;

/**
 * The specifier is held in a variable on purpose: bundlers (esbuild in the CDK stack) leave a
 * non-literal dynamic import alone, so the Lambda bundles never carry dynalite and LevelDB.
 */
const dynaliteModule = 'dynalite';

async function loadDynalite(): Promise<Dynalite> {
  // Before dynalite's first Query: without it, reads can return items older than acknowledged writes.
  closeIteratorsOnReturn(createRequire(import.meta.url).resolve(dynaliteModule));
  const loaded = (await import(dynaliteModule)) as { default: Dynalite };
  return loaded.default;
}

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    // dynalite's close also closes LevelDB; it waits for open sockets, so drop idle keep-alives.
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

const port = parentPort!;
try {
  const dynalite = await loadDynalite();
  // Tables become ACTIVE at once: the real delays only slow local runs down.
  const server = dynalite({ path: (workerData as { dir: string }).dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const address = await listen(server);
  port.on('message', (message) => {
    if (message !== 'close') return;
    stop(server).then(
      () => port.postMessage('closed'),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
  port.postMessage({ port: address.port });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
