/**
 * Where published JSON lives: a local directory or an S3 bucket. Keys are `/`-separated paths
 * relative to the store's root (`snapshots/<id>/managers.json`, `latest.json`).
 */
export interface ReportStore {
  /** Writes one JSON document; a reader sees either the old or the new content, never a part. */
  putJson(key: string, value: unknown): Promise<void>;
  /** The parsed document, or undefined when there is none under the key. */
  getJson<T = unknown>(key: string): Promise<T | undefined>;
  /** Every key that starts with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes the keys; keys that do not exist are ignored. */
  delete(keys: string[]): Promise<void>;
  /** Where the store points, for logs and error messages (never credentials). */
  describe(): string;
}

/** A report store could not read or write a key. */
export class ReportStoreError extends Error {
  override name = 'ReportStoreError';
  readonly store: string;
  readonly key: string;
  constructor(store: string, key: string, message: string, options?: { cause?: unknown }) {
    super(`${store}: ${key}: ${message}`, options);
    this.store = store;
    this.key = key;
  }
}

export function isReportStoreError(error: unknown): error is ReportStoreError {
  return error instanceof ReportStoreError;
}

const SAFE_KEY = /^(?!\/)(?!.*\/\/)[A-Za-z0-9._\-/]+$/;

/**
 * Rejects keys that could escape the store's root (`..`) or map differently on a disk and in S3.
 * Keys come from code, not users, so a bad one is a bug worth stopping on.
 */
export function checkKey(store: string, key: string): string {
  const parts = key.split('/');
  if (!SAFE_KEY.test(key) || parts.some((part) => part === '.' || part === '..' || part === '')) {
    throw new ReportStoreError(store, key, 'not a valid report key');
  }
  return key;
}
