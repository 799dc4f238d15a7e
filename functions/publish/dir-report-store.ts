import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { checkKey, ReportStoreError, type ReportStore } from './report-store.ts';

/** Temporary files start with this; `list` hides them so a reader never picks up a half-written file. */
const TEMP_PREFIX = '.tmp-';

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * A report store in a local directory. Each write goes to a temporary file in the target's own
 * directory and is then renamed over it: rename within one file system is atomic.
 */
export function createDirReportStore(dir: string): ReportStore {
  const root = resolve(dir);
  const name = `dir ${root}`;
  const pathOf = (key: string): string => join(root, ...checkKey(name, key).split('/'));

  return {
    async putJson(key, value) {
      const target = pathOf(key);
      const temp = join(dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
      try {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw new ReportStoreError(name, key, `cannot write: ${(error as Error).message}`, { cause: error });
      }
    },
    async getJson<T = unknown>(key: string) {
      let text: string;
      try {
        text = await readFile(pathOf(key), 'utf8');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw new ReportStoreError(name, key, `cannot read: ${(error as Error).message}`, { cause: error });
      }
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new ReportStoreError(name, key, 'not valid JSON', { cause: error });
      }
    },
    async list(prefix) {
      const keys = await walk(root);
      return keys.filter((key) => key.startsWith(prefix)).sort();
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(key), { force: true })));
    },
    describe: () => name,
  };
}

/** Every file under root as a `/`-separated key, skipping temporary files. */
async function walk(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith(TEMP_PREFIX))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}
