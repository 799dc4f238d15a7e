import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { lockDir } from './dir-lock.ts';

/**
 * The local store: dynalite, a DynamoDB-compatible server on LevelDB, with its files in `dir`, so
 * a second run finds the data of the first.
 *
 * The server runs in a worker thread of this process: answering reads (LevelDB iteration,
 * dynalite's item handling, each response's JSON and checksum) is about a second of CPU on the
 * large demo's compute, which in the main thread queued behind the engine's own work. With it in
 * its own thread (and each command loading only its modules), `pmpulse compute` on that store took
 * 6.2 s, the median of seven runs, instead of 7.4–7.5 s (docs/deploy.md, "Packed records").
 */
export interface EmbeddedDynamo {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint`. */
  endpoint: string;
  close(): Promise<void>;
}

/**
 * The server's young generation, kept small: each response is garbage as soon as it is sent, and
 * with V8's default the server held about 150 MB of heap to use 30. At 1M tasks (tasks and status
 * changes read, the server in a process of its own) a 1 MB semi-space took its anonymous memory
 * from 250 MB to 82 MB, reading no slower; as this thread's limit, the 1M bench's peak fell from
 * 1,829 MiB to 1,727 MiB (docs/deploy.md, "Measured limits").
 */
const SERVER_HEAP = { maxYoungGenerationSizeMb: 4 };

type ThreadMessage = { port: number } | { error: string } | 'closed';

/** The next message from the thread; its exit before answering is an error. */
function answer(worker: Worker): Promise<ThreadMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the embedded store's thread ended (exit code ${code})`));
    worker.once('message', (message: ThreadMessage) => {
      worker.off('exit', onExit);
      worker.off('error', reject);
      resolve(message);
    });
    worker.once('exit', onExit);
    worker.once('error', reject);
  });
}

/** Starts the server on `dir` (created when missing); throws DirLockedError when `dir` is in use. */
export async function startEmbeddedDynamo(options: { dir: string }): Promise<EmbeddedDynamo> {
  await mkdir(options.dir, { recursive: true });
  const unlock = await lockDir(options.dir);
  let worker: Worker | undefined;
  let port: number;
  try {
    worker = new Worker(new URL('./embedded-server-thread.ts', import.meta.url), { workerData: { dir: options.dir }, resourceLimits: SERVER_HEAP });
    const started = await answer(worker);
    if (typeof started !== 'object' || !('port' in started)) throw new Error(`the embedded store did not start: ${typeof started === 'object' ? started.error : started}`);
    port = started.port;
  } catch (error) {
    await worker?.terminate();
    await unlock();
    throw error;
  }
  const thread = worker;
  let closing: Promise<void> | undefined;
  const close = async () => {
    try {
      const closed = answer(thread);
      thread.postMessage('close');
      const message = await closed;
      if (message !== 'closed') throw new Error(`the embedded store did not close cleanly: ${typeof message === 'object' && 'error' in message ? message.error : String(message)}`);
    } finally {
      await thread.terminate();
      await unlock();
    }
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => (closing ??= close()),
  };
}
