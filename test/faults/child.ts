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

/** Starts one sync child; `killAfterMs` sends SIGKILL then, wherever the child is. */
export function startSyncChild(config: string, env: NodeJS.ProcessEnv, options: { leaseMs?: number; killAfterMs?: number } = {}) {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [script, config, String(options.leaseMs ?? 1000)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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
