/**
 * A page's records in order of a small integer key (a PM's index), records with the same key
 * kept in their own order: a stable counting sort, O(records + keys).
 *
 * Why: at scale each PM's tallies are spread over more memory than the caches hold, and records
 * arrive in no order, so each one waits on memory to find its PM's figures. Taken a PM at a time
 * within a page, those figures stay in cache for all of the PM's records of the page. Every
 * figure of one PM still receives its records in the order they came, so no sum changes.
 */
export class GroupOrder {
  #order = new Int32Array(0);
  #starts = new Int32Array(0);

  /**
   * Indexes 0 … count − 1 ordered by `keys[i]` (each in −1 … keyCount − 1; −1 first), ties in
   * index order. The returned array is reused by the next call.
   */
  of(keys: Int32Array, count: number, keyCount: number): Int32Array {
    if (this.#order.length < count) this.#order = new Int32Array(count);
    if (this.#starts.length < keyCount + 2) this.#starts = new Int32Array(keyCount + 2);
    const starts = this.#starts.fill(0, 0, keyCount + 2);
    for (let i = 0; i < count; i++) {
      const at = (keys[i] as number) + 2;
      starts[at] = (starts[at] as number) + 1;
    }
    for (let k = 2; k < keyCount + 2; k++) starts[k] = (starts[k] as number) + (starts[k - 1] as number);
    // starts[key + 1] is now where the key's run begins.
    const order = this.#order;
    for (let i = 0; i < count; i++) {
      const at = (keys[i] as number) + 1;
      order[starts[at] as number] = i;
      starts[at] = (starts[at] as number) + 1;
    }
    return order;
  }
}
