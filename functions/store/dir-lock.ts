import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One embedded server per data directory. LevelDB refuses a second opener, but dynalite turns
 * that refusal into an uncaught exception on the first request, which kills the whole process
 * (a second `pmpulse demo` would take the first one's terminal down with it). A lock file
 * holding the owner's pid lets the second opener fail politely instead; a lock left by a
 * crashed process (its pid no longer runs) is taken over.
 */
export class DirLockedError extends Error {
  override name = 'DirLockedError';
  readonly dir: string;
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(`store directory ${dir} is in use by process ${pid}${pid === process.pid ? ' (this one)' : ''}`);
    this.dir = dir;
    this.pid = pid;
  }
}

export function isDirLockedError(error: unknown): error is DirLockedError {
  return error instanceof DirLockedError;
}

const lockName = 'pmpulse.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holder(file: string): Promise<number | undefined> {
  const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  return Number.isInteger(pid) && pid > 0 && isRunning(pid) ? pid : undefined;
}

/** Takes the directory's lock; the returned function gives it back. */
export async function lockDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, lockName);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = await holder(file);
      if (pid !== undefined) throw new DirLockedError(dir, pid);
      await rm(file, { force: true });
    }
  }
  throw new DirLockedError(dir, -1);
}
