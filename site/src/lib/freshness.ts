/** Data older than this at build time is flagged on every page. */
export const STALE_AFTER_HOURS = 48;

export interface Freshness {
  stale: boolean;
  /** Whole hours between generation and build; null when generatedAt is not a date. */
  ageHours: number | null;
}

/** An unreadable timestamp counts as stale: better a false alarm than silent old data. */
export function freshness(generatedAt: string, now: Date): Freshness {
  const generated = Date.parse(generatedAt);
  if (Number.isNaN(generated)) return { stale: true, ageHours: null };
  const ageHours = Math.floor((now.getTime() - generated) / 3_600_000);
  return { stale: ageHours >= STALE_AFTER_HOURS, ageHours };
}
