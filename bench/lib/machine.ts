import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Where the figures came from: ratios travel between machines, absolute times do not. */
export function describeMachine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    /** Runnable processes, 1-minute average: above the core count, other work competed for the cores. */
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
}
