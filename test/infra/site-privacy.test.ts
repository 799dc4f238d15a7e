import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { SITE_BUILD_PRIVACY_ENV } from '../../infra/site-build.ts';
import { pipelineConfig, synthesise } from './built-stack.ts';

/**
 * The deployed site is built with the stack config's `privacy` block: the build writes its own
 * pmpulse.config.json (the reports bucket), and without the block a strategy or PM reader would
 * get pages built with the default minGroup whatever the config says. The build's printf is run
 * here as CodeBuild runs it, and what it writes is read by the config loader.
 */
const privacy = { minGroup: 7, accessContact: `the PMO's queue: 100% "answered" \\ same day` };

let built: Awaited<ReturnType<typeof synthesise>>;
let work: string;

beforeAll(async () => {
  built = await synthesise({ 'pmpulse:config': { ...pipelineConfig, privacy } });
  work = await mkdtemp(path.join(tmpdir(), 'pmpulse-site-privacy-'));
}, 300_000);

afterAll(async () => {
  await built?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the site build in the stack', () => {
  it('writes a config with the stack config\'s privacy block, which the config loader reads back', async () => {
    const project = built.template.toJSON().Resources[built.logicalId(built.stack.siteBuild.project)].Properties;
    const variables = project.Environment.EnvironmentVariables as { Name: string; Value: unknown }[];
    const carried = variables.find((v) => v.Name === SITE_BUILD_PRIVACY_ENV)?.Value;
    expect(typeof carried).toBe('string');
    const commands = Object.values(JSON.parse(project.Source.BuildSpec).phases as Record<string, { commands: string[] }>).flatMap((phase) => phase.commands);
    const write = commands.find((command) => command.includes('> pmpulse.config.json'));
    expect(write).toBeDefined();
    execFileSync('bash', ['-c', write!], { cwd: work, env: { PATH: process.env['PATH'], PMPULSE_REPORTS_BUCKET: 'reports-bucket', [SITE_BUILD_PRIVACY_ENV]: carried as string } });
    const config = parseConfig(JSON.parse(await readFile(path.join(work, 'pmpulse.config.json'), 'utf8')));
    expect(config.privacy).toEqual(privacy);
    expect(config.reports).toMatchObject({ type: 's3', bucket: 'reports-bucket' });
  });
});
