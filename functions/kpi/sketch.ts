/**
 * Percentiles of a stream in bounded memory. Up to EXACT_LIMIT values are kept as they are, so
 * small groups get exact nearest-rank percentiles; past that the values move into logarithmic
 * buckets (DDSketch, Masson et al., VLDB 2019) whose answer is within RELATIVE_ERROR of the exact
 * nearest-rank value. Memory per sketch: at most EXACT_LIMIT numbers, then one counter per
 * occupied bucket (about 1,000 for values from an hour to three years).
 */

export const EXACT_LIMIT = 256;
export const RELATIVE_ERROR = 0.005;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Values at or below this count as zero (a task done the moment it started). */
const TINY = 1e-9;

export class QuantileSketch {
  #exact: number[] | undefined = [];
  #buckets: Map<number, number> | undefined;
  #zeros = 0;
  #count = 0;

  get count(): number {
    return this.#count;
  }

  add(value: number): void {
    const v = Math.max(0, value);
    this.#count += 1;
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
    if (this.#exact) return [...this.#exact].sort((a, b) => a - b)[rank - 1] ?? null;
    if (rank <= this.#zeros) return 0;
    let seen = this.#zeros;
    const keys = [...(this.#buckets ?? new Map<number, number>()).keys()].sort((a, b) => a - b);
    for (const key of keys) {
      seen += this.#buckets?.get(key) ?? 0;
      // The bucket (γ^(k−1), γ^k] answers with the value whose relative error to both ends is α.
      if (seen >= rank) return (2 * GAMMA ** key) / (GAMMA + 1);
    }
    return null;
  }

  #spill(): void {
    const values = this.#exact ?? [];
    this.#exact = undefined;
    this.#buckets = new Map();
    for (const value of values) this.#bucket(value);
  }

  #bucket(value: number): void {
    if (value <= TINY) {
      this.#zeros += 1;
      return;
    }
    const key = Math.ceil(Math.log(value) / LOG_GAMMA);
    const buckets = this.#buckets as Map<number, number>;
    buckets.set(key, (buckets.get(key) ?? 0) + 1);
  }
}
