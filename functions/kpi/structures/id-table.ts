/**
 * Interns string ids as dense numbers 0, 1, 2, … in order of first sight, without a Map keyed by
 * strings, and keeps one integer value with each id. A Map would keep every id alive as a heap
 * string (about 60 bytes each with the map entry) that every major GC has to walk: a million task
 * ids made GC the largest cost of a run. Here the ids' characters sit in one byte arena (each after
 * a byte that holds its length) and the hash table is an Int32Array with linear probing, so the
 * per-id cost is the id's length plus 37–69 bytes (a 16-byte cell at a load between a quarter and
 * a half, the length byte, and the id's start for idAt), all outside the GC's sight. A table cell
 * holds index + 1, hash, start and the value together: a lookup in a table of a million ids misses
 * the cache once for the cell and once for the characters, and its value comes with the cell.
 * Ids with a character above U+00FF or longer than 255 (rare: ids are source keys) go to a small
 * Map instead.
 *
 * Many ids at once (findAll, addAll) go faster than one by one: with a million ids the table and
 * the arena are far larger than the CPU caches and each lookup waits on memory twice (the cell,
 * then the characters). One lookup is too long a stretch of code for the CPU to run ahead into the
 * next, so the waits come one after another. In batches, a loop that only hashes, then one that
 * only reads each id's first cell, then one that only reads its first character, each a few
 * instructions long, lets the CPU have dozens of those reads in flight at once; the lookups that
 * follow find their memory in cache (2.0 s → 0.7 s for 5M lookups in a table of 1M ids).
 */

const EMPTY = 0; // table cells hold index + 1
const CELL = 4;
/** Ids per batch: the cells and characters a batch brings in stay in the (1 MB) L2 cache. */
const BATCH = 512;
const MAX_NARROW_LENGTH = 255;

export class IdTable {
  #chars = new Uint8Array(1 << 16);
  #used = 0;
  /** CELL ints per cell: index + 1 (0 = empty), hash, start of the length byte in the arena, value. */
  #table = new Int32Array(2048 * CELL);
  #mask = 2047;
  #size = 0;
  readonly #wide = new Map<string, { index: number; value: number }>();
  /** Per index: the start of its id in the arena (-1: a wide id, kept in #wideIds), so idAt reads it back. */
  #startOf = new Int32Array(1024);
  readonly #wideIds = new Map<number, string>();
  readonly #hashes = new Int32Array(BATCH);
  /** Sum of the warmed reads, kept so the compiler cannot drop them as unused. */
  #touched = 0;

  get size(): number {
    return this.#size;
  }

  /** Index of the id, or -1 when it was never added. */
  find(id: string): number {
    const hash = hashOf(id);
    if (hash === WIDE) return this.#wide.get(id)?.index ?? -1;
    const cell = this.#probe(id, hash);
    return cell < 0 ? -1 : (this.#table[cell] as number) - 1;
  }

  /**
   * `out[i]` = index of `ids[i]` for i < count, or -1 when it was never added (or is undefined);
   * `values[i]` = the value added with it (untouched where out[i] is -1).
   */
  findAll(ids: ArrayLike<string | undefined>, count: number, out: Int32Array, values?: Int32Array): void {
    for (let from = 0; from < count; from += BATCH) {
      const to = Math.min(count, from + BATCH);
      this.#warm(ids, from, to);
      const hashes = this.#hashes;
      const table = this.#table;
      for (let i = from; i < to; i++) {
        const id = ids[i];
        const hash = hashes[i - from] as number;
        if (id === undefined) out[i] = -1;
        else if (hash === WIDE) {
          const wide = this.#wide.get(id);
          out[i] = wide?.index ?? -1;
          if (wide && values) values[i] = wide.value;
        } else {
          const cell = this.#probe(id, hash);
          out[i] = cell < 0 ? -1 : (table[cell] as number) - 1;
          if (cell >= 0 && values) values[i] = table[cell + 3] as number;
        }
      }
    }
  }

  /**
   * Adds `ids[0 … count)` in order, as many `add` calls would: `out[i]` = the new index, or -1
   * when the id was there already (an id twice in the batch is new the first time only; the
   * value stays the one it was first added with).
   */
  addAll(ids: ArrayLike<string>, count: number, out: Int32Array, values?: Int32Array): void {
    for (let from = 0; from < count; from += BATCH) {
      const to = Math.min(count, from + BATCH);
      this.#warm(ids, from, to);
      for (let i = from; i < to; i++) out[i] = this.#addHashed(ids[i] as string, this.#hashes[i - from] as number, values ? (values[i] as number) : 0);
    }
  }

  /** Adds the id with its value and returns its new index, or -1 when it is already there. */
  add(id: string, value = 0): number {
    return this.#addHashed(id, hashOf(id), value);
  }

  #addHashed(id: string, hash: number, value: number): number {
    if (hash === WIDE) {
      if (this.#wide.has(id)) return -1;
      const index = this.#size++;
      this.#wide.set(id, { index, value });
      this.#wideIds.set(index, id);
      this.#keepStart(index, -1);
      return index;
    }
    if (this.#probe(id, hash) >= 0) return -1;
    const index = this.#size++;
    const start = this.#used;
    if (start + 1 + id.length > this.#chars.length) this.#chars = grown(this.#chars, start + 1 + id.length);
    this.#chars[start] = id.length;
    for (let i = 0; i < id.length; i++) this.#chars[start + 1 + i] = id.charCodeAt(i);
    this.#used += 1 + id.length;
    this.#keepStart(index, start);
    this.#place(index, hash, start, value);
    if (this.#size * 2 > this.#mask + 1) this.#rehash();
    return index;
  }

  /** The id added with `index` (undefined for an index never given out). */
  idAt(index: number): string | undefined {
    if (!(index >= 0 && index < this.#size)) return undefined;
    const start = this.#startOf[index] as number;
    if (start < 0) return this.#wideIds.get(index);
    return String.fromCharCode(...this.#chars.subarray(start + 1, start + 1 + (this.#chars[start] as number)));
  }

  #keepStart(index: number, start: number): void {
    if (index >= this.#startOf.length) {
      const next = new Int32Array(this.#startOf.length * 2);
      next.set(this.#startOf);
      this.#startOf = next;
    }
    this.#startOf[index] = start;
  }

  /**
   * Hashes ids[from … to) into #hashes and reads each one's first cell and length byte, so that
   * the probes after it hit the cache (see the class comment). The reads have no other use.
   */
  #warm(ids: ArrayLike<string | undefined>, from: number, to: number): void {
    const hashes = this.#hashes;
    for (let i = from; i < to; i++) {
      const id = ids[i];
      hashes[i - from] = id === undefined ? WIDE : hashOf(id);
    }
    const table = this.#table;
    const chars = this.#chars;
    const mask = this.#mask;
    let touched = 0;
    for (let i = 0; i < to - from; i++) touched += table[((hashes[i] as number) & mask) * CELL + 2] as number;
    for (let i = 0; i < to - from; i++) touched += chars[table[((hashes[i] as number) & mask) * CELL + 2] as number] as number;
    this.#touched = touched;
  }

  /** Position in the table of the id's cell, or -1 when the id is not there. */
  #probe(id: string, hash: number): number {
    const table = this.#table;
    const mask = this.#mask;
    for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
      const at = cell * CELL;
      if (table[at] === EMPTY) return -1;
      if (table[at + 1] === hash && this.#equals(table[at + 2] as number, id)) return at;
    }
  }

  #equals(start: number, id: string): boolean {
    const chars = this.#chars;
    if (chars[start] !== id.length) return false;
    for (let i = 0; i < id.length; i++) if (chars[start + 1 + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  #place(index: number, hash: number, start: number, value: number): void {
    let cell = hash & this.#mask;
    while (this.#table[cell * CELL] !== EMPTY) cell = (cell + 1) & this.#mask;
    const at = cell * CELL;
    this.#table[at] = index + 1;
    this.#table[at + 1] = hash;
    this.#table[at + 2] = start;
    this.#table[at + 3] = value;
  }

  /** Doubles the table (load stays at most one half) and re-places every id in it. */
  #rehash(): void {
    const old = this.#table;
    this.#table = new Int32Array(old.length * 2);
    this.#mask = this.#table.length / CELL - 1;
    for (let at = 0; at < old.length; at += CELL) {
      const entry = old[at] as number;
      if (entry !== EMPTY) this.#place(entry - 1, old[at + 1] as number, old[at + 2] as number, old[at + 3] as number);
    }
  }
}

/** Marks an id kept in the Map (a character above U+00FF, or too long); no other id hashes to it (see hashOf). */
const WIDE = -1;

/** FNV-1a over the char codes, with a final mix so the low bits (the table cell) spread well. */
function hashOf(id: string): number {
  if (id.length > MAX_NARROW_LENGTH) return WIDE;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c > 0xff) return WIDE;
    h = Math.imul(h ^ c, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h === WIDE ? 0 : h;
}

function grown(old: Uint8Array<ArrayBuffer>, atLeast: number): Uint8Array<ArrayBuffer> {
  let length = old.length * 2;
  while (length < atLeast) length *= 2;
  const next = new Uint8Array(length);
  next.set(old);
  return next;
}
