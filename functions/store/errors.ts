/**
 * Store failures, named by operation and table so a log line alone says what broke.
 * Network failures are folded into one line: the SDK's own error for a wrong endpoint is an
 * AggregateError whose message is empty, which is no help to someone fixing a config file.
 */
export class StoreError extends Error {
  override name = 'StoreError';
  readonly operation: string;
  readonly table: string;
  constructor(operation: string, table: string, message: string, options?: { cause?: unknown }) {
    super(`store ${operation} on table "${table}": ${message}`, options);
    this.operation = operation;
    this.table = table;
  }
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}

interface NetworkFailure {
  code?: string;
  address?: string;
  port?: number;
  errors?: unknown[];
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** Finds the socket error inside the SDK's wrapping (Node's happy eyeballs nests them). */
function networkFailure(error: unknown, depth = 0): NetworkFailure | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const candidate = error as NetworkFailure & { cause?: unknown };
  for (const inner of candidate.errors ?? []) {
    const found = networkFailure(inner, depth + 1);
    if (found?.address) return found;
  }
  if (candidate.code && networkCodes.has(candidate.code)) return candidate;
  return networkFailure(candidate.cause, depth + 1);
}

function describe(error: unknown): string {
  const network = networkFailure(error);
  if (network) {
    const where = network.address ? ` at ${network.address}${network.port ? `:${network.port}` : ''}` : '';
    const what = network.code === 'ECONNREFUSED' ? 'connection refused' : `network error ${network.code}`;
    return `cannot reach DynamoDB${where} (${what}); check the store endpoint`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}`;
  return String(error);
}

/** Wraps anything thrown by the SDK; a StoreError passes through unchanged. */
export function toStoreError(error: unknown, operation: string, table: string): StoreError {
  if (isStoreError(error)) return error;
  return new StoreError(operation, table, describe(error), { cause: error });
}

/** Runs one SDK call, turning its failure into a StoreError. */
export async function attempt<T>(operation: string, table: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreError(error, operation, table);
  }
}

/** The SDK marks service errors by `name`; checking it avoids importing every exception class. */
export function hasErrorName(error: unknown, ...names: string[]): boolean {
  return typeof error === 'object' && error !== null && names.includes((error as { name?: string }).name ?? '');
}
