import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lockDir } from './dir-lock.ts';
import { closeIteratorsOnReturn } from './level-iterators.ts';

/**
 * The local store: dynalite, a DynamoDB-compatible server on LevelDB, run inside this process
 * with its files in `dir`, so a second run finds the data of the first.
 */
export interface EmbeddedDynamo {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint`. */
  endpoint: string;
  close(): Promise<void>;
}

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

/** Starts the server on `dir` (created when missing); throws DirLockedError when `dir` is in use. */
export async function startEmbeddedDynamo(options: { dir: string }): Promise<EmbeddedDynamo> {
  await mkdir(options.dir, { recursive: true });
  const unlock = await lockDir(options.dir);
  let server: Server;
  let address: AddressInfo;
  try {
    const dynalite = await loadDynalite();
    // Tables become ACTIVE at once: the real delays only slow local runs down.
    server = dynalite({ path: options.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    address = await listen(server);
  } catch (error) {
    await unlock();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () => (closing ??= stop(server).finally(unlock)),
  };
}
