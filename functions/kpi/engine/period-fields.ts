import type { PeriodFields } from '../../contract/documents.ts';
import { dateOfDay, type Calendar } from './calendar.ts';

export type { PeriodFields };

/**
 * The published fields of a month or quarter slot. The as-of period that stops before its own last
 * day carries `partial` and the day it stops, so a reader never compares it with a whole period.
 */
export function periodFields(calendar: Calendar, slot: number): PeriodFields {
  const s = calendar.slots[slot];
  if (!s) return { period: '' };
  return calendar.isPartial(slot) ? { period: s.period, partial: true, to: dateOfDay(s.to) } : { period: s.period };
}
