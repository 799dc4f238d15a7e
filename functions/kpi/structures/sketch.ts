/**
 * Percentiles of a stream in bounded memory. Up to EXACT_LIMIT values are kept as they are, so
 * small groups get exact nearest-rank percentiles; past that the values move into logarithmic
 * buckets (DDSketch, Masson et al., VLDB 2019) whose answer is within RELATIVE_ERROR of the exact
 * nearest-rank value. Memory per sketch: at most EXACT_LIMIT numbers, then one 4-byte counter per
 * bucket between the lowest and highest seen (about 1,000 for values from an hour to three years).
 * The buckets are a dense Int32Array indexed by key, not a Map: adding is an increment, and the
 * quantile walks keys in order without sorting them.
 */

export const EXACT_LIMIT = 256;
export const RELATIVE_ERROR = 0.005;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Values at or below this count as zero (a task done the moment it started). */
const TINY = 1e-9;

export class QuantileSketch {
  #exact: number[] | undefined = [];
  /** The exact values sorted, kept between quantiles (p50 and p85 of the same sketch sort once). */
  #sortedExact: Float64Array | undefined;
  /** counts[key - offset]; grown by doubling to cover each new key. */
  #counts: Int32Array | undefined;
  #offset = 0;
  /** Keys beyond DENSE_SPAN of the others or not finite (NaN, Infinity): kept as before, in a Map. */
  #odd: Map<number, number> | undefined;
  #zeros = 0;
  #count = 0;

  get count(): number {
    return this.#count;
  }

  add(value: number): void {
    const v = Math.max(0, value);
    this.#count += 1;
    this.#sortedExact = undefined;
    if (this.#exact) {
      this.#exact.push(v);
      if (this.#exact.length > EXACT_LIMIT) this.#spill();
      return;
    }
    this.#bucket(v);
  }

  /** Nearest rank: the smallest value with at least q·n values at or below it. Null when empty. */
  quantile(q: number): number | null {
    if (this.#count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.#count));
    // A typed array sorts numbers natively (no comparator calls); a NaN, which no valid record gives, sorts last.
    if (this.#exact) return (this.#sortedExact ??= Float64Array.from(this.#exact).sort())[rank - 1] ?? null;
    if (rank <= this.#zeros) return 0;
    if (this.#odd) return this.#quantileWithOdd(rank);
    let seen = this.#zeros;
    const counts = this.#counts ?? new Int32Array(0);
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i] as number;
      if (counts[i] !== 0 && seen >= rank) return valueOf(i + this.#offset);
    }
    return null;
  }

  /** The rare path: every key through a Map and one sort, exactly as the sketch first did it. */
  #quantileWithOdd(rank: number): number | null {
    const buckets = new Map<number, number>();
    const counts = this.#counts ?? new Int32Array(0);
    for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) buckets.set(i + this.#offset, counts[i] as number);
    for (const [key, count] of this.#odd ?? []) buckets.set(key, count);
    let seen = this.#zeros;
    const keys = [...buckets.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      seen += buckets.get(key) ?? 0;
      if (seen >= rank) return valueOf(key);
    }
    return null;
  }

  #spill(): void {
    const values = this.#exact ?? [];
    this.#exact = undefined;
    for (const value of values) this.#bucket(value);
  }

  #bucket(value: number): void {
    if (value <= TINY) {
      this.#zeros += 1;
      return;
    }
    const key = Math.ceil(Math.log(value) / LOG_GAMMA);
    let counts = this.#counts;
    if (counts === undefined) {
      if (!Number.isFinite(key)) return this.#addOdd(key);
      this.#offset = key - 64;
      this.#counts = counts = new Int32Array(128);
    }
    const i = key - this.#offset;
    if (i >= 0 && i < counts.length) {
      counts[i] = (counts[i] as number) + 1;
      return;
    }
    if (!Number.isFinite(key) || Math.abs(i) > DENSE_SPAN) return this.#addOdd(key);
    this.#cover(key);
    const j = key - this.#offset;
    (this.#counts as Int32Array)[j] = ((this.#counts as Int32Array)[j] as number) + 1;
  }

  /** Doubles the dense range until it covers the key, keeping it centred on the keys seen. */
  #cover(key: number): void {
    const old = this.#counts as Int32Array;
    const below = key < this.#offset;
    // Grow towards the new key: prepend room when it lies below, append when above.
    const offsetFor = (length: number): number => (below ? this.#offset + old.length - length : this.#offset);
    let length = old.length * 2;
    while (key < offsetFor(length) || key >= offsetFor(length) + length) length *= 2;
    const offset = offsetFor(length);
    const next = new Int32Array(length);
    next.set(old, this.#offset - offset);
    this.#counts = next;
    this.#offset = offset;
  }

  #addOdd(key: number): void {
    const odd = (this.#odd ??= new Map());
    odd.set(key, (odd.get(key) ?? 0) + 1);
  }
}

/** Keys further than this from the dense range go to the Map: a stray 1e300 must not cost megabytes. */
const DENSE_SPAN = 1 << 16;

/** The bucket (γ^(k−1), γ^k] answers with the value whose relative error to both ends is α. */
function valueOf(key: number): number {
  return (2 * GAMMA ** key) / (GAMMA + 1);
}
