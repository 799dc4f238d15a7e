import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Latest, SnapshotDocuments } from '../../../functions/contract/documents.ts';
import { isSnapshotReadError, SnapshotReadError } from '../../../functions/contract/errors.ts';
import { LATEST_KEY, snapshotKey } from '../../../functions/contract/layout.ts';
import { readLatest, readSnapshot as readDocuments, type SnapshotSource } from '../../../functions/contract/read.ts';

/** The environment variable naming the snapshot folder the site renders. */
export const SNAPSHOT_DIR_ENV = 'PMPULSE_SNAPSHOT_DIR';

export interface Snapshot {
  dir: string;
  latest: Latest;
  documents: SnapshotDocuments;
}

/** A snapshot the site cannot read: the contract's error, named by file. */
export { isSnapshotReadError as isSnapshotError, SnapshotReadError as SnapshotError };

/** The snapshot folder from the environment; a build without one cannot mean anything. */
export function snapshotDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[SNAPSHOT_DIR_ENV];
  if (!dir) throw new SnapshotReadError(`$${SNAPSHOT_DIR_ENV}`, [{ path: '(root)', message: 'not set: point it at a folder holding latest.json' }]);
  return path.resolve(dir);
}

/** A folder as a snapshot source: keys are paths under it, errors name the file. */
function folderSource(root: string): SnapshotSource {
  return {
    where: (key) => path.join(root, key),
    async read(key) {
      const file = path.join(root, key);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return undefined; // the reader says "missing"
      }
      try {
        return JSON.parse(text);
      } catch (cause) {
        throw new SnapshotReadError(file, [{ path: '(root)', message: `not valid JSON (${(cause as Error).message})` }], { cause });
      }
    },
  };
}

async function isDir(candidate: string): Promise<boolean> {
  return stat(candidate).then((s) => s.isDirectory(), () => false);
}

async function latestOf(root: string): Promise<Latest> {
  const latest = await readLatest(folderSource(root));
  if (!latest) throw new SnapshotReadError(path.join(root, LATEST_KEY), [{ path: '(root)', message: 'missing' }]);
  return latest;
}

/**
 * Reads latest.json and every document the site renders through the contract's one reader
 * (functions/contract/read.ts: validated, older snapshots upgraded). Documents sit next to
 * latest.json; a report store laid out by the publisher keeps them under snapshots/<id>/, so that
 * folder wins when it exists.
 */
export async function readSnapshot(dir: string): Promise<Snapshot> {
  const root = path.resolve(dir);
  const latest = await latestOf(root);
  const published = (await isDir(path.join(root, 'snapshots', latest.snapshot))) ? (name: string) => snapshotKey(latest.snapshot, name) : (name: string) => name;
  const documents = await readDocuments(folderSource(root), latest, published);
  return { dir: root, latest, documents };
}

let cached: { key: string; snapshot: Promise<Snapshot> } | undefined;

/**
 * The snapshot named by the environment, read once per build: every page asks for it.
 * Keyed by folder and snapshot id so a second build in the same process sees new data.
 */
export async function loadSnapshot(env: NodeJS.ProcessEnv = process.env): Promise<Snapshot> {
  const dir = snapshotDirFromEnv(env);
  const latest = await latestOf(dir);
  const key = `${dir}\n${latest.snapshot}\n${latest.generatedAt}`;
  if (cached?.key !== key) cached = { key, snapshot: readSnapshot(dir) };
  return cached.snapshot;
}
