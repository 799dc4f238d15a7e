import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { siteBuildNode, siteBuildSpec } from '../../infra/site-build.ts';

/**
 * Finding 5: the install phase of the site build, run as CodeBuild runs it (bash, stop at the
 * first failing command) with the download swapped for a local archive: the checksum decides
 * whether anything is unpacked, and npm ci runs from the lockfile without scripts.
 */
const nodeName = `node-v${siteBuildNode.version}-linux-arm64`;
const archiveName = `${nodeName}.tar.xz`;
let work: string;

afterEach(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function run(script: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd, env: { PATH: '/usr/bin:/bin', CODEBUILD_SRC_DIR: cwd } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

/** The install commands with `curl` replaced by copying `archive`, and the expected hash by `sha256`. */
function installScript(archive: string, sha256: string = siteBuildNode.sha256): string {
  const commands = siteBuildSpec.phases.install.commands.map((command) =>
    command.startsWith('curl ') ? `cp "${archive}" ".tools/${archiveName}"` : command.replace(siteBuildNode.sha256, sha256),
  );
  expect(commands.filter((c) => c.startsWith('cp '))).toHaveLength(1);
  return ['set -e', ...commands, 'echo install-phase-done'].join('\n');
}

/** A stand-in Node release: `node --version` answers the pinned version, `npm` writes down its arguments. */
async function fakeNodeArchive(dir: string): Promise<string> {
  const bin = path.join(dir, 'release', nodeName, 'bin');
  await mkdir(bin, { recursive: true });
  await writeFile(path.join(bin, 'node'), `#!/bin/sh\necho v${siteBuildNode.version}\n`);
  await writeFile(path.join(bin, 'npm'), '#!/bin/sh\necho "$@" > "$CODEBUILD_SRC_DIR/npm-args"\n');
  await chmod(path.join(bin, 'node'), 0o755);
  await chmod(path.join(bin, 'npm'), 0o755);
  const archive = path.join(dir, archiveName);
  const { code, output } = await run(`tar -cJf "${archive}" -C release "${nodeName}"`, dir);
  expect(code, output).toBe(0);
  return archive;
}

describe('the site build install phase', () => {
  it('stops before unpacking or installing anything when the archive is not the published one', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pmpulse-site-build-'));
    const archive = await fakeNodeArchive(work);

    const { code, output } = await run(installScript(archive), work);

    expect(code).not.toBe(0);
    expect(output).toMatch(new RegExp(`${archiveName.replace(/\./g, '\\.')}: FAILED`));
    expect(output).not.toContain('install-phase-done');
    expect(existsSync(path.join(work, '.tools', nodeName))).toBe(false);
    expect(existsSync(path.join(work, 'npm-args'))).toBe(false);
  });

  it('unpacks an archive that matches, runs that Node and installs from the lockfile without scripts', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pmpulse-site-build-'));
    const archive = await fakeNodeArchive(work);
    const sha256 = createHash('sha256').update(await readFile(archive)).digest('hex');

    const { code, output } = await run(installScript(archive, sha256), work);

    expect(code, output).toBe(0);
    expect(output).toContain(`${archiveName}: OK`);
    expect((await readFile(path.join(work, 'npm-args'), 'utf8')).trim().split(' ')).toEqual(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
  });
});
