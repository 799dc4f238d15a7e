/**
 * Dates and amounts as timesheet exports write them. Pure functions: each returns undefined for
 * text it cannot read, and the caller quarantines the row with the reason.
 */

const secondsPer = { hours: 3600, minutes: 60, seconds: 1 } as const;
export type HoursUnit = keyof typeof secondsPer;

/** `YYYY-MM-DD`, `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY`...; a time after the date is ignored. */
export function parseDate(text: string, format: string): string | undefined {
  const order: string[] = [];
  const pattern = format.replace(/YYYY|MM|DD|[-/.]/g, (token) => {
    if (token.length === 1) return `\\${token}`;
    order.push(token);
    return token === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
  });
  const match = new RegExp(`^${pattern}(?:[ T].*)?$`).exec(text.trim());
  if (!match) return undefined;
  const part = (token: string) => Number(match[order.indexOf(token) + 1]);
  const [year, month, day] = [part('YYYY'), part('MM'), part('DD')];
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined;
  return at.toISOString().slice(0, 10);
}

/** A number in `unit`, with a decimal point or comma (`1.5`, `1,5`). */
export function parseHours(text: string, unit: HoursUnit): number | undefined {
  const value = decimal(text);
  return value === undefined ? undefined : (value * secondsPer[unit]) / 3600;
}

/** `1:30`, `01:30:00`, `1h 30m`, `90m`, `45s`, or a decimal number of hours. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  const clock = /^(\d+):([0-5]?\d)(?::([0-5]?\d))?$/.exec(trimmed);
  if (clock) return Number(clock[1]) + Number(clock[2]) / 60 + Number(clock[3] ?? 0) / 3600;
  const units = /^(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/i.exec(trimmed);
  if (units && (units[1] || units[2] || units[3])) {
    return (decimal(units[1] ?? '0') ?? 0) + Number(units[2] ?? 0) / 60 + Number(units[3] ?? 0) / 3600;
  }
  return decimal(trimmed);
}

function decimal(text: string): number | undefined {
  const normalised = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return undefined;
  return Number(normalised);
}
