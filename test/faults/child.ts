import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./sync-child.ts', import.meta.url));

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** How many batches a child reported storing (see sync-child.ts). */
export const storedBatches = (stderr: string) => stderr.split('\n').filter((line) => line === 'stored').length;

/**
 * Starts one sync child. `killAfterMs` sends SIGKILL then, wherever the child is;
 * `killAfterBatches` sends it once the child reported storing that many batches, plus
 * `killDelayMs` so the kill lands inside the next write rather than just after one.
 */
export function startSyncChild(
  config: string,
  env: NodeJS.ProcessEnv,
  options: { leaseMs?: number; killAfterMs?: number; killAfterBatches?: number; killDelayMs?: number } = {},
) {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [script, config, String(options.leaseMs ?? 1000)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  let killing = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (killing || options.killAfterBatches === undefined || storedBatches(stderr) < options.killAfterBatches) return;
    killing = true;
    setTimeout(() => child.kill('SIGKILL'), options.killDelayMs ?? 0);
  });
  const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  const done = new Promise<ChildResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
  return { child, done };
}

/** Runs sync children until one completes, waiting out the lease a killed child left behind. */
export async function syncUntilDone(config: string, env: NodeJS.ProcessEnv, leaseMs: number): Promise<{ result: ChildResult; waits: number }> {
  for (let waits = 0; waits < 20; waits++) {
    const result = await startSyncChild(config, env, { leaseMs }).done;
    if (result.code !== 3) return { result, waits };
    await new Promise((resolve) => setTimeout(resolve, leaseMs / 2));
  }
  throw new Error(`sync never got the lease for ${config}`);
}
