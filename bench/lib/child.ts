import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Bench scripts run in their own Node process. A child per measurement is what makes peak RSS
 * mean something: each one starts from an empty heap.
 */
export async function runScript(
  script: URL,
  args: readonly string[] = [],
  options: { timeoutMs?: number } = {},
): Promise<{ stdout: string; code: number | null; stderr: string }> {
  // Its own process group, so a timeout also ends whatever the script started (and nothing else).
  const child = spawn(process.execPath, [fileURLToPath(script), ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  if (timedOut) stderr += `\n(stopped after ${Math.round(timeoutMs / 1000)} s without finishing)`;
  return { stdout, code, stderr };
}

/** Runs a child that prints one JSON result as its last line, and returns that result. */
export async function runChild<T>(script: URL, args: readonly string[] = []): Promise<T> {
  const { stdout, code, stderr } = await runScript(script, args);
  const name = `${fileURLToPath(script)} ${args.join(' ')}`;
  if (code !== 0) throw new Error(`${name} exited with ${code}: ${stderr.trim().slice(-2000)}`);
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${name} printed no JSON result; last line: ${last.slice(0, 200)}`);
  }
}

/** What a child prints as its one result line. */
export function printResult(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Peak resident set size of this process so far, in MiB (maxRSS is in KiB). */
export function peakRssMiB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}
