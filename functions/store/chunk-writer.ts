import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BatchWriteOptions } from './batch-writer.ts';
import { byId, chunkFromItem, chunkItem, copyReplaces, entryReplaces, newestPerId, type Chunk, type ChunkEntry } from './chunks.ts';
import { attempt, hasErrorName, StoreError } from './errors.ts';
import { CHUNK_SK_PREFIX, chunkSk } from './keys.ts';
import { queryPages } from './query.ts';

/**
 * Writes entries (records and tombstones) into the chunks of their partition (chunks.ts) under
 * the version rule, with no transactions (dynalite has none) and without trusting that only one
 * writer runs:
 *
 * - Each chunk carries a revision. A chunk is read (consistently), merged with what arrives, and
 *   put back only if its revision is still the one read; otherwise its entries are routed again
 *   against a fresh list of chunks and retried. A newer version is never overwritten by an older one.
 * - A chunk past `maxRecords` or `maxBytes` splits: the upper parts are written first, as new
 *   chunks (only if absent), and the chunk itself last, cut to its lower part, on its revision.
 *   A crash in between leaves the upper records in both chunks. A chunk's range ends where the next
 *   chunk starts, so such copies are out of range: readers merge them by the version rule with the
 *   chunk whose range holds them (chunk-reader.ts), and the next write to the chunk moves them there
 *   before dropping them. Nothing is lost and a rerun converges.
 * - An unchanged merge (a rerun re-delivering what is stored) writes nothing.
 *
 * Where each partition's chunks start is remembered between writes; a stale list only makes
 * out-of-range copies (handled as above), and it is read afresh after any conflict. The chunks
 * this writer put last are remembered too (up to `cachedEntries` entries in all), so a sync that
 * writes one chunk many times reads it once: a remembered chunk another writer changed since
 * fails its put on the revision, is forgotten, and is read again.
 */
export interface ChunkLimits {
  /** Records per chunk before it splits (default 256). */
  maxRecords: number;
  /** Bytes of a chunk's body before it splits; DynamoDB items stop at 400 KB (default 240,000). */
  maxBytes: number;
  /** Entries of recently written chunks kept in memory, in all (default 50,000; 0 keeps none). */
  cachedEntries?: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxRecords: 256, maxBytes: 240_000, cachedEntries: 50_000 };

const throttled = ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'];

export class ChunkWriter {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly writes: BatchWriteOptions;
  private readonly limits: ChunkLimits;
  private readonly starts = new Map<string, string[]>();
  /** Chunks as this writer last put them, least recently used first. */
  private readonly written = new Map<string, Chunk>();
  private writtenEntries = 0;
  /**
   * The revision this writer last put for each chunk. Revisions only grow, whoever writes, so a
   * chunk read back at a lower one means the table lost puts it had acknowledged: merging onto it
   * would make that loss permanent and silent, so the write stops with an error instead.
   */
  private readonly putRevisions = new Map<string, number>();

  constructor(access: { client: DynamoDBDocumentClient; table: string; writes: BatchWriteOptions }, limits: ChunkLimits = DEFAULT_CHUNK_LIMITS) {
    this.client = access.client;
    this.table = access.table;
    this.writes = access.writes;
    this.limits = limits;
  }

  /** Forgets where chunks start: after another writer may have split them. */
  forgetLayout(): void {
    this.starts.clear();
    this.written.clear();
    this.writtenEntries = 0;
  }

  /** Entries of several partitions, `concurrency` partitions at a time. */
  async write(byPartition: ReadonlyMap<string, readonly ChunkEntry[]>, operation: string): Promise<void> {
    const work = [...byPartition];
    let next = 0;
    const worker = async () => {
      while (next < work.length) {
        const [pk, entries] = work[next++]!;
        await this.writePartition(pk, entries, operation);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.writes.concurrency, work.length)) }, worker));
  }

  /** `copies`: entries moved out of a chunk whose range no longer holds them, which replace only where strictly newer. */
  async writePartition(pk: string, incoming: readonly ChunkEntry[], operation: string, copies = false): Promise<void> {
    let pending = newestPerId(incoming);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= this.writes.maxAttempts) {
        throw new StoreError(operation, this.table, `${pending.length} record(s) of ${pk} still unwritten after ${attempt} attempts (their chunks kept changing)`);
      }
      if (attempt > 0) {
        this.starts.delete(pk);
        await this.writes.sleep(Math.round(Math.min(5_000, this.writes.baseDelayMs * 2 ** attempt) * Math.random()));
      }
      const starts = await this.startsOf(pk, operation);
      const conflicted: ChunkEntry[] = [];
      for (const [index, group] of route(pending, starts)) {
        if (!(await this.mergeInto(pk, starts, index, group, operation, copies))) conflicted.push(...group);
      }
      pending = conflicted;
    }
  }

  /** Merges a group into chunk `index` of `starts`; false when the chunk changed under it. */
  private async mergeInto(pk: string, starts: string[], index: number, group: readonly ChunkEntry[], operation: string, copies: boolean): Promise<boolean> {
    const start = starts[index]!;
    const remembered = this.written.has(chunkKey(pk, start));
    const found = await this.read(pk, start, operation);
    // The chunk knows where its range ends: a list of starts that is behind (another writer split it) is read again.
    if (found?.end !== undefined && group.some((entry) => entry.i >= found.end!)) {
      this.starts.delete(pk);
      return false;
    }
    const listed = starts[index + 1];
    const next = found?.end !== undefined && (listed === undefined || found.end < listed) ? found.end : listed;
    const held = found?.entries ?? [];
    const inRange = next === undefined ? held : held.filter((entry) => entry.i < next);
    const outOfRange = next === undefined ? [] : held.filter((entry) => entry.i >= next);
    // Copies left by an interrupted split go to the chunk whose range holds them before they leave this one.
    if (outOfRange.length > 0) await this.writePartition(pk, outOfRange, operation, true);
    const byKey = new Map(inRange.map((entry) => [entry.i, entry]));
    // A remembered chunk may be behind the table (another writer): only a put on its revision can
    // tell, so a merge against it is always put, even when it changes nothing.
    let changed = found === undefined || outOfRange.length > 0 || remembered;
    for (const entry of group) {
      const stored = byKey.get(entry.i);
      if (!(copies ? copyReplaces(entry, stored) : entryReplaces(entry, stored))) continue;
      if (stored !== undefined && JSON.stringify(stored) === JSON.stringify(entry)) continue;
      byKey.set(entry.i, entry);
      changed = true;
    }
    if (!changed) return true;
    const pieces = this.split([...byKey.values()].sort(byId));
    // New chunks split off are written before the chunk's own put can check its revision: they are
    // made only from the chunk as the table holds it, never from a remembered copy.
    if (pieces.length > 1 && remembered) {
      this.unremember(chunkKey(pk, start));
      return this.mergeInto(pk, starts, index, group, operation, copies);
    }
    // Each piece ends where the next begins; the last keeps the chunk's own end.
    const endOf = (at: number): { end?: string } => {
      const end = at + 1 < pieces.length ? pieces[at + 1]![0]!.i : found?.end;
      return end === undefined ? {} : { end };
    };
    for (let at = pieces.length - 1; at >= 1; at--) {
      if (!(await this.put(pk, { start: pieces[at]![0]!.i, ...endOf(at), rev: 1, entries: pieces[at]! }, undefined, operation))) return false;
    }
    const written = await this.put(pk, { start, ...endOf(0), rev: (found?.rev ?? 0) + 1, entries: pieces[0]! }, found?.rev, operation);
    if (written && pieces.length > 1) {
      const known = this.starts.get(pk);
      if (known) this.starts.set(pk, [...new Set([...known, ...pieces.slice(1).map((piece) => piece[0]!.i)])].sort());
    }
    return written;
  }

  /** Pieces of at most half the limits each, so a split chunk has room to grow before it splits again. */
  private split(entries: ChunkEntry[]): ChunkEntry[][] {
    const bytes = Buffer.byteLength(JSON.stringify(entries));
    if (entries.length <= this.limits.maxRecords && bytes <= this.limits.maxBytes) return [entries];
    const count = Math.max(Math.ceil(entries.length / Math.ceil(this.limits.maxRecords / 2)), Math.ceil(bytes / (this.limits.maxBytes / 2)), 2);
    const size = Math.ceil(entries.length / count);
    const pieces: ChunkEntry[][] = [];
    for (let at = 0; at < entries.length; at += size) pieces.push(entries.slice(at, at + size));
    return pieces;
  }

  private async startsOf(pk: string, operation: string): Promise<string[]> {
    const known = this.starts.get(pk);
    if (known) return known;
    const starts = [''];
    for await (const page of queryPages(this.client, this.table, pk, { operation, attributes: ['sk'], consistent: true })) {
      for (const item of page) {
        const start = String(item.sk).slice(CHUNK_SK_PREFIX.length);
        if (start !== '') starts.push(start);
      }
    }
    this.starts.set(pk, starts);
    return starts;
  }

  private async read(pk: string, start: string, operation: string): Promise<Chunk | undefined> {
    const key = chunkKey(pk, start);
    const remembered = this.written.get(key);
    if (remembered) {
      this.written.delete(key);
      this.written.set(key, remembered);
      return remembered;
    }
    const result = await attempt(operation, this.table, () =>
      this.client.send(new GetCommand({ TableName: this.table, Key: { pk, sk: chunkSk(start) }, ConsistentRead: true })),
    );
    const chunk = result.Item === undefined ? undefined : chunkFromItem(result.Item, this.table, operation);
    const putAt = this.putRevisions.get(key);
    if (putAt !== undefined && (chunk === undefined || chunk.rev < putAt)) {
      throw new StoreError(
        operation,
        this.table,
        `chunk ${pk} C#${start} reads back at revision ${chunk?.rev ?? '(absent)'} after this writer put revision ${putAt}: the table lost writes it had acknowledged, with the records in them; nothing more is written to it`,
      );
    }
    return chunk;
  }

  /** Puts a chunk if its revision is still `expectedRev` (absent when undefined); false when not. */
  async put(pk: string, chunk: Chunk, expectedRev: number | undefined, operation: string): Promise<boolean> {
    const item = chunkItem(pk, chunkSk(chunk.start), chunk);
    const condition =
      expectedRev === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': expectedRev } };
    const key = chunkKey(pk, chunk.start);
    this.unremember(key);
    try {
      await this.client.send(new PutCommand({ TableName: this.table, Item: item, ...condition }));
      this.putRevisions.set(key, chunk.rev);
      this.remember(key, chunk);
      return true;
    } catch (error) {
      if (hasErrorName(error, 'ConditionalCheckFailedException', ...throttled)) return false;
      return attempt(operation, this.table, () => Promise.reject(error));
    }
  }

  private remember(key: string, chunk: Chunk): void {
    const limit = this.limits.cachedEntries ?? 0;
    if (chunk.entries.length > limit) return;
    this.written.set(key, chunk);
    this.writtenEntries += chunk.entries.length;
    for (const [oldest, held] of this.written) {
      if (this.writtenEntries <= limit) break;
      this.written.delete(oldest);
      this.writtenEntries -= held.entries.length;
    }
  }

  private unremember(key: string): void {
    const held = this.written.get(key);
    if (!held) return;
    this.written.delete(key);
    this.writtenEntries -= held.entries.length;
  }
}

/** One chunk's key in this writer's memory (partition and start). */
const chunkKey = (pk: string, start: string): string => `${pk}\u0000${start}`;

/** Each entry to the chunk whose range holds it: the last start at or below its id. */
export function route(entries: readonly ChunkEntry[], starts: readonly string[]): Map<number, ChunkEntry[]> {
  const groups = new Map<number, ChunkEntry[]>();
  for (const entry of entries) {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= entry.i) low = middle;
      else high = middle - 1;
    }
    const group = groups.get(low);
    if (group) group.push(entry);
    else groups.set(low, [entry]);
  }
  return groups;
}
