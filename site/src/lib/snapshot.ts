import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { buildPortfoliosDoc } from '../../../functions/kpi/portfolios-report.ts';
import { LatestSchema, documentSchemas } from '../../../functions/publish/documents.ts';
import { issueLines } from '../../../functions/runtime/zod-issues.ts';
import type { Latest, ProjectsDoc, SnapshotDocuments } from '../../../functions/publish/documents.ts';

/** The environment variable naming the snapshot folder the site renders. */
export const SNAPSHOT_DIR_ENV = 'PMPULSE_SNAPSHOT_DIR';

export interface Snapshot {
  dir: string;
  latest: Latest;
  documents: SnapshotDocuments;
}

/** A snapshot file is missing or does not match the published schema. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
  readonly file: string;
  readonly problems: string[];

  constructor(file: string, problems: string[], options?: { cause?: unknown }) {
    super(`Snapshot file ${file}: ${problems.join('; ')}`, options);
    this.file = file;
    this.problems = problems;
  }
}

export function isSnapshotError(error: unknown): error is SnapshotError {
  return error instanceof SnapshotError;
}

/** The snapshot folder from the environment; a build without one cannot mean anything. */
export function snapshotDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[SNAPSHOT_DIR_ENV];
  if (!dir) throw new SnapshotError(`$${SNAPSHOT_DIR_ENV}`, ['not set: point it at a folder holding latest.json']);
  return path.resolve(dir);
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SnapshotError(file, ['missing or unreadable'], { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SnapshotError(file, [`not valid JSON (${(cause as Error).message})`], { cause });
  }
}

async function readValid<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  const result = schema.safeParse(await readJson(file));
  if (result.success) return result.data;
  throw new SnapshotError(file, issueLines(result.error));
}

async function isDir(candidate: string): Promise<boolean> {
  return stat(candidate).then((s) => s.isDirectory(), () => false);
}

/**
 * Documents sit next to latest.json; a report store laid out by the publisher keeps them
 * under snapshots/<id>/ instead, so that folder wins when it exists.
 */
async function documentsDir(dir: string, latest: Latest): Promise<string> {
  const published = path.join(dir, 'snapshots', latest.snapshot);
  return (await isDir(published)) ? published : dir;
}

/**
 * Reads and validates latest.json and every document the site renders. A snapshot from before
 * portfolios.json existed does not list it; its portfolios then come from projects.json.
 */
export async function readSnapshot(dir: string): Promise<Snapshot> {
  const root = path.resolve(dir);
  const latest = await readValid(path.join(root, 'latest.json'), LatestSchema);
  const docsDir = await documentsDir(root, latest);
  const read = <K extends keyof SnapshotDocuments>(name: K) => readValid(path.join(docsDir, name), documentSchemas[name]);
  const [managers, projects, listedPortfolios, alignment, quality, forecasts] = await Promise.all([
    read('managers.json'),
    read('projects.json'),
    latest.documents.includes('portfolios.json') ? read('portfolios.json') : undefined,
    read('alignment.json'),
    read('quality.json'),
    read('forecasts.json'),
  ]);
  const portfolios = listedPortfolios ?? buildPortfoliosDoc(projects as ProjectsDoc);
  const documents = {
    'managers.json': managers,
    'projects.json': projects,
    'portfolios.json': portfolios,
    'alignment.json': alignment,
    'quality.json': quality,
    'forecasts.json': forecasts,
  };
  return { dir: root, latest, documents: documents as SnapshotDocuments };
}

let cached: { key: string; snapshot: Promise<Snapshot> } | undefined;

/**
 * The snapshot named by the environment, read once per build: every page asks for it.
 * Keyed by folder and snapshot id so a second build in the same process sees new data.
 */
export async function loadSnapshot(env: NodeJS.ProcessEnv = process.env): Promise<Snapshot> {
  const dir = snapshotDirFromEnv(env);
  const latest = await readValid(path.join(dir, 'latest.json'), LatestSchema);
  const key = `${dir}\n${latest.snapshot}\n${latest.generatedAt}`;
  if (cached?.key !== key) cached = { key, snapshot: readSnapshot(dir) };
  return cached.snapshot;
}
