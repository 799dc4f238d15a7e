import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Task, TimeEntry } from '../../functions/domain/index.ts';
import { DynamoStore, startEmbeddedDynamo, type DynamoStoreOptions, type EmbeddedDynamo } from '../../functions/store/index.ts';

/** One embedded server on a temp dir per test file; each test gets its own table. */
export interface Harness {
  dir: string;
  server: EmbeddedDynamo;
  client: DynamoDBDocumentClient;
  /** A store on a fresh table of this server. */
  freshStore(options?: DynamoStoreOptions, client?: DynamoDBDocumentClient): Promise<DynamoStore>;
  stop(): Promise<void>;
}

export function documentClient(endpoint: string): DynamoDBDocumentClient {
  const base = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return DynamoDBDocumentClient.from(base);
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pmpulse-store-'));
}

export async function startHarness(): Promise<Harness> {
  const dir = await tempDir();
  const server = await startEmbeddedDynamo({ dir: join(dir, 'db') });
  const client = documentClient(server.endpoint);
  let tables = 0;
  return {
    dir,
    server,
    client,
    async freshStore(options, otherClient) {
      const store = new DynamoStore(otherClient ?? client, `test-${++tables}`, options);
      await store.ensureTable();
      return store;
    },
    async stop() {
      client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function task(source: string, n: number, overrides: Partial<Task> = {}): Task {
  return {
    id: `${source}:${n}`,
    source,
    sourceId: String(n),
    projectId: `${source}:p${n % 7}`,
    title: `Task ${n}`,
    status: n % 3 === 0 ? 'done' : 'in_progress',
    originalStatus: n % 3 === 0 ? 'Done' : 'In Progress',
    createdAt: '2025-01-02T09:00:00.000Z',
    updatedAt: '2025-02-03T10:30:00.000Z',
    estimateHours: n % 5,
    tags: n % 2 ? ['growth', 'api'] : [],
    ...overrides,
  };
}

export function timeEntry(source: string, n: number): TimeEntry {
  return {
    id: `${source}:te${n}`,
    source,
    sourceId: `te${n}`,
    taskId: `${source}:${n % 100}`,
    projectId: `${source}:p${n % 7}`,
    personId: `${source}:u${n % 13}`,
    date: '2025-03-04',
    hours: (n % 16) / 2,
  };
}

/** Every page of an async iterable, kept as pages so tests can see the paging too. */
export async function pagesOf<T>(iterable: AsyncIterable<T[]>): Promise<T[][]> {
  const pages: T[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

export function byId<T extends { id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => a.id.localeCompare(b.id));
}
