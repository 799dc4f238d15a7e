/**
 * Replaces what identifies one person in any JSON value: a stored item, a published document, a
 * quarantined payload. Strings and object keys are rewritten, numbers and structure never, so a
 * document valid against its schema before stays valid after.
 *
 * - `exact`: a whole string equal to the key becomes the value (the canonical id in reports).
 * - `within`: the key anywhere inside a string, as a whole word (not inside a longer id or
 *   word: `1204…64` is not replaced in `1204…641`), ignoring case: names in captions and
 *   messages, e-mails, account ids inside record ids and URLs.
 */
export interface Replacements {
  exact: ReadonlyMap<string, string>;
  within: ReadonlyMap<string, string>;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Redactor {
  readonly #exact: ReadonlyMap<string, string>;
  readonly #within: ReadonlyMap<string, string>;
  readonly #pattern: RegExp | undefined;

  constructor(replacements: Replacements) {
    this.#exact = replacements.exact;
    this.#within = new Map([...replacements.within].map(([from, to]) => [from.toLowerCase(), to]));
    // Longest first, so `jira:5b10…` is replaced whole before its bare `5b10…` could be.
    const keys = [...this.#within.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
    this.#pattern = keys.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${keys.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : undefined;
  }

  text(value: string): string {
    const exact = this.#exact.get(value);
    if (exact !== undefined) return exact;
    if (!this.#pattern) return value;
    return value.replace(this.#pattern, (match) => this.#within.get(match.toLowerCase()) ?? match);
  }

  /** The value with every string and key rewritten; the very same value when nothing named the person. */
  value<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) {
      const items = value.map((item) => this.value(item));
      return (items.some((item, i) => item !== value[i]) ? items : value) as T;
    }
    if (value === null || typeof value !== 'object') return value;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const newKey = this.text(key);
      const newField = this.value(field);
      if (newKey !== key || newField !== field) changed = true;
      out[newKey] = newField;
    }
    return (changed ? out : value) as T;
  }
}
