import { expect } from 'vitest';
import { CsvSourceSchema, type CsvSourceConfig } from '../../../functions/config/index.ts';
import { csvConnector } from '../../../functions/connectors/csv/index.ts';
import { drain } from '../helpers/drain.ts';
import { fixedNow, fixturePath } from '../fixtures.ts';
import { silentLog } from '../helpers/local-server.ts';
import { describeConnectorContract } from './suite.ts';

/** Files instead of pages: a folder of two monthly exports, with a bad date, a bad amount and a short row. */
const source: CsvSourceConfig = CsvSourceSchema.parse({
  type: 'csv',
  name: 'timesheets',
  path: fixturePath('csv', 'contract'),
  columns: { date: 'date', person: 'person', email: 'email', hours: 'hours', project: 'project', task: 'task' },
  projects: { PAY: 'jira-main:10000' },
});

describeConnectorContract({
  source: 'csv',
  async sync({ cursor }) {
    const context = { source, token: '', fetch, now: fixedNow, log: silentLog, ...(cursor ? { cursor } : {}) };
    return { result: await drain(csvConnector.read(context)), delays: [] };
  },
  resumed(_first, second) {
    // Nothing changed on disk: no file is read again.
    expect(second.timeEntries).toEqual([]);
    expect(second.quarantined).toEqual([]);
    expect(second.deletions).toEqual([]);
  },
});
