import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../bin/node-version.js';
import { BIN } from './run-cli.ts';

describe('the Node version check in front of the CLI', () => {
  it('accepts 22.18 and later, refuses anything older', () => {
    for (const ok of ['22.18.0', '22.20.1', '23.0.0', '24.21.0', '30.1.0']) expect(nodeVersionProblem(ok), ok).toBeUndefined();
    for (const old of ['22.17.9', '22.0.0', '20.20.2', '18.19.0']) expect(nodeVersionProblem(old), old).toContain(`this is Node.js ${old}`);
  });

  it('says in one line which Node it needs, which it found and how to get one, and exits 2', () => {
    // Pretend to be Node 20 before the stub loads: the real binary, the real message.
    const pretend = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.20.2"})';
    const run = spawnSync(process.execPath, ['--import', pretend, BIN, 'demo'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/needs Node\.js 22\.18 or later .* this is Node\.js 20\.20\.2\. Install Node 24/);
  });

  it('on a real old Node (the machine\'s /usr/bin/node when it is one) gives the same line, not a stack trace', (context) => {
    const probe = spawnSync('/usr/bin/node', ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const version = probe.status === 0 ? probe.stdout.trim() : undefined;
    if (version === undefined || nodeVersionProblem(version) === undefined) {
      console.log(`skipped: /usr/bin/node is ${version ?? 'absent'}, not older than 22.18`);
      context.skip();
    }
    const run = spawnSync('/usr/bin/node', [BIN, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|\n\s+at /);
    expect(run.stderr).toContain(`this is Node.js ${version}`);
  });
});
