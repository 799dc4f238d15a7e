import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoOrg } from './generator/index.ts';
import { linearIssuePrefixes, linearTimesheetCsv } from './linear-timesheet.ts';
import { uuidOf } from './servers/linear-records.ts';
import { linearDemoKey, startLinearServer } from './servers/linear-server.ts';

/**
 * The demo company's Linear side (`pmpulse demo --linear`): the local Linear server over the
 * projects withLinearProjects moved there, their hours as a Tempo-style timesheet export on disk,
 * and the two source blocks that read them, as a real set-up would write them: the Linear source
 * names the timesheet source, whose `issueKeys` join each row to its Linear issue.
 */
export const linearTokenEnv = 'PMPULSE_DEMO_LINEAR_KEY';

export interface LinearDemo {
  sources: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startLinearDemo(org: DemoOrg, dir: string): Promise<LinearDemo> {
  const server = await startLinearServer(org);
  const timesheets = join(dir, 'timesheets');
  await mkdir(timesheets, { recursive: true });
  await writeFile(join(timesheets, 'linear-hours.csv'), linearTimesheetCsv(org));
  process.env[linearTokenEnv] = linearDemoKey;
  const prefixes = linearIssuePrefixes(org);
  const projects = Object.fromEntries(org.projects.filter((project) => project.system === 'linear').map((project) => [project.key, `linear:${uuidOf('project', project.id)}`]));
  return {
    sources: [
      { type: 'linear', name: 'linear', baseUrl: server.url, tokenEnv: linearTokenEnv, timesheetSource: 'linear-hours' },
      { type: 'csv', name: 'linear-hours', path: timesheets, preset: 'tempo', columns: { email: 'Email' }, issueKeys: Object.fromEntries(prefixes.map((prefix) => [prefix, 'linear'])), projects },
    ],
    close: () => server.close(),
  };
}
