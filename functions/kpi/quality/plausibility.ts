import type { ManagersDoc, QualityFinding } from '../../contract/documents.ts';
import { teamFindings } from './plausibility-teams.ts';
import { dateOfDay } from '../engine/calendar.ts';
import { isoWeekLabel } from './iso-week.ts';
import { roundHours } from '../engine/numbers.ts';
import { mondayOf, weekOf, type People } from '../engine/people.ts';

/**
 * Inputs too unlikely to publish silently. Each threshold sits far past what real work produces,
 * so a flag points at the data (a double import, a typo, a wrong mapping or capacity), not at a
 * busy team. Constants, not config keys: they mark the impossible, not a company's policy.
 */

/** Over 80 h in one Mon–Sun week is more than 11 h every day of it: twice a full-time week. */
export const WEEK_HOURS_LIMIT = 80;
/** One entry is one day's work in every source; over 24 h is a typo (800 for 8.00) or a week logged as one entry. */
export const ENTRY_HOURS_LIMIT = 24;
/** With this many status changes (a few tasks' worth of moves), none into done means the mapping lacks a done status. */
export const MIN_CHANGES_WITHOUT_DONE = 20;
/** Entry ids listed per flagged week, and findings published per kind (the rest are counted). */
export const ENTRY_IDS_PER_WEEK = 10;
export const FINDINGS_PER_KIND = 50;

/** Hours are summed in floating point: a week of 0.1 h entries must not read 80.00000001. */
const EPSILON = 1e-9;
/** Keys of (person, absolute week) pairs: weeks since 1970 stay far below this. */
const WEEK_KEY = 1_000_000;

interface HeavyWeek {
  person: number;
  week: number;
  hours: number;
}

interface LongEntry {
  entryId: string;
  person: number;
  date: string;
  hours: number;
}

export interface Plausibility {
  findings: QualityFinding[];
  /** Findings past FINDINGS_PER_KIND, per kind. */
  omitted: Record<string, number>;
}

/**
 * Collects the flags while the engine tallies: it is told only about records already past a
 * threshold (rare), plus one counter per status change; the weekly hours it reads at the end are
 * the People tally's own.
 */
export class PlausibilityTally {
  /** Entry ids per (person, week) that went over WEEK_HOURS_LIMIT, from the entry that crossed it. */
  readonly #weekEntries = new Map<number, string[]>();
  /**
   * How many ids each (person, week) holds, by person × weeks + week: once it holds its ten, every
   * later entry of an over-full week (all of them, in data where everyone logs 90 h) stops at one
   * typed-array read instead of a map lookup.
   */
  #listed = new Uint8Array(0);
  readonly #firstWeek: number;
  readonly #weeks: number;

  /** Weeks `firstWeek` … `firstWeek + weeks − 1`: those People keeps hours for. */
  constructor(firstWeek: number, weeks: number) {
    this.#firstWeek = firstWeek;
    this.#weeks = weeks;
  }
  /** The largest entries over ENTRY_HOURS_LIMIT (at most FINDINGS_PER_KIND), and how many there were. */
  readonly #longEntries: LongEntry[] = [];
  #longEntryCount = 0;
  /** Per source: status changes and moves into done up to the as-of date. */
  readonly #sources = new Map<string, { changes: number; toDone: number }>();
  #lastSource: string | undefined;
  #lastCounts = { changes: 0, toDone: 0 };

  /** A time entry that left its person's week over WEEK_HOURS_LIMIT. */
  noteWeekEntry(person: number, day: number, entryId: string): void {
    const week = weekOf(day);
    const at = person * this.#weeks + week - this.#firstWeek;
    if (at >= this.#listed.length) this.#grow(at);
    if ((this.#listed[at] as number) >= ENTRY_IDS_PER_WEEK) return;
    this.#listed[at] = (this.#listed[at] as number) + 1;
    const key = person * WEEK_KEY + week;
    const ids = this.#weekEntries.get(key);
    if (ids) ids.push(entryId);
    else this.#weekEntries.set(key, [entryId]);
  }

  #grow(at: number): void {
    const next = new Uint8Array(Math.max(at + 1, this.#listed.length * 2, 1024));
    next.set(this.#listed);
    this.#listed = next;
  }

  /** A time entry over ENTRY_HOURS_LIMIT: the largest are kept. */
  noteLongEntry(entryId: string, person: number, date: string, hours: number): void {
    this.#longEntryCount++;
    const kept = this.#longEntries;
    if (kept.length < FINDINGS_PER_KIND) {
      kept.push({ entryId, person, date, hours });
      return;
    }
    let smallest = 0;
    for (let i = 1; i < kept.length; i++) if ((kept[i] as LongEntry).hours < (kept[smallest] as LongEntry).hours) smallest = i;
    if (hours > (kept[smallest] as LongEntry).hours) kept[smallest] = { entryId, person, date, hours };
  }

  /** A status change dated up to the as-of date; pages mostly come from one source, so its counts are kept at hand. */
  noteStatusChange(source: string, intoDone: boolean): void {
    if (source !== this.#lastSource) {
      let counts = this.#sources.get(source);
      if (!counts) this.#sources.set(source, (counts = { changes: 0, toDone: 0 }));
      this.#lastSource = source;
      this.#lastCounts = counts;
    }
    this.#lastCounts.changes++;
    if (intoDone) this.#lastCounts.toDone++;
  }

  finish(people: People, managers: ManagersDoc, asOf: string): Plausibility {
    const omitted: Record<string, number> = {};
    const capped = <T extends QualityFinding>(kind: T['kind'], all: T[], total = all.length): T[] => {
      if (total > FINDINGS_PER_KIND) omitted[kind] = total - FINDINGS_PER_KIND;
      return all.slice(0, FINDINGS_PER_KIND);
    };
    const weeks = this.#weekFindings(people);
    const findings = [
      ...capped('personWeekHours', weeks.listed, weeks.total),
      ...capped('entryHours', this.#entryFindings(people), this.#longEntryCount),
      ...capped('teamUtilization', teamFindings(managers)),
      ...this.#sourceFindings(asOf),
    ];
    return { findings, omitted };
  }

  /** Every week over the limit counts; only those listed are written out (data can flag thousands). */
  #weekFindings(people: People): { listed: Extract<QualityFinding, { kind: 'personWeekHours' }>[]; total: number } {
    const heavy: HeavyWeek[] = [];
    const weeks = weekOf(people.lastDay) - people.firstWeek + 1;
    for (let person = 0; person < people.tallies.length; person++) {
      for (let w = 0; w < weeks; w++) {
        const hours = people.weekHours(person, w);
        if (hours > WEEK_HOURS_LIMIT + EPSILON) heavy.push({ person, week: people.firstWeek + w, hours });
      }
    }
    const byId = (a: HeavyWeek, b: HeavyWeek): number => {
      const [x, y] = [people.identityOf(a.person).id, people.identityOf(b.person).id];
      return x < y ? -1 : x > y ? 1 : a.week - b.week;
    };
    heavy.sort((a, b) => roundHours(b.hours) - roundHours(a.hours) || byId(a, b));
    const listed = heavy.slice(0, FINDINGS_PER_KIND).map(({ person, week, hours }) => {
      const who = people.identityOf(person);
      const rounded = roundHours(hours);
      return {
        kind: 'personWeekHours' as const,
        message: `${who.name} (${who.id}) logged ${rounded} h in week ${isoWeekLabel(mondayOf(week))}, over ${WEEK_HOURS_LIMIT} h: a double import or a mistyped entry is likelier than the work.`,
        figure: rounded,
        threshold: WEEK_HOURS_LIMIT,
        records: { personId: who.id, personName: who.name, week: isoWeekLabel(mondayOf(week)), weekStart: dateOfDay(mondayOf(week)), hours: rounded, entryIds: this.#weekEntries.get(person * WEEK_KEY + week) ?? [] },
      };
    });
    return { listed, total: heavy.length };
  }

  #entryFindings(people: People): Extract<QualityFinding, { kind: 'entryHours' }>[] {
    return [...this.#longEntries]
      .sort((a, b) => b.hours - a.hours || (a.entryId < b.entryId ? -1 : 1))
      .map(({ entryId, person, date, hours }) => {
        const who = people.identityOf(person);
        const rounded = roundHours(hours);
        return {
          kind: 'entryHours' as const,
          message: `Time entry ${entryId} by ${who.name} holds ${rounded} h on ${date}, more than a day has: every daily and weekly figure puts all of it on that day.`,
          figure: rounded,
          threshold: ENTRY_HOURS_LIMIT,
          records: { entryId, personId: who.id, personName: who.name, date, hours: rounded },
        };
      });
  }

  #sourceFindings(asOf: string): Extract<QualityFinding, { kind: 'noMovesToDone' }>[] {
    return [...this.#sources]
      .filter(([, counts]) => counts.toDone === 0 && counts.changes >= MIN_CHANGES_WITHOUT_DONE)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([source, { changes, toDone }]) => ({
        kind: 'noMovesToDone' as const,
        message: `Source ${source} has ${changes} status changes up to ${asOf} and not one into done: its status mapping probably maps no status to done, so completions, cycle times and reopens read nothing from it.`,
        figure: changes,
        threshold: MIN_CHANGES_WITHOUT_DONE,
        records: { source, statusChanges: changes, movesToDone: toDone },
      }));
  }
}
