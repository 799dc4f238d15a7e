/**
 * Milliseconds since the epoch of an ISO 8601 date-time, as `Date.parse` reads it, without its
 * cost: the engine parses up to five of these per done task, and `Date.parse` was the largest
 * single cost of the task pass. The fast path reads the shapes the connectors write
 * (`YYYY-MM-DDTHH:MM[:SS[.sss]](Z|±HH:MM)`); anything else goes to `Date.parse`, so the answer is
 * the same for every input.
 */
export function instantMs(text: string): number {
  const length = text.length;
  // Shortest fast shape: YYYY-MM-DDTHH:MMZ (17 characters).
  if (length < 17 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== T || text.charCodeAt(13) !== COLON) {
    return Date.parse(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  let at = 16;
  let second = 0;
  let milli = 0;
  if (text.charCodeAt(at) === COLON) {
    second = digits(text, at + 1, 2);
    at += 3;
    if (text.charCodeAt(at) === DOT) {
      // Exactly three fraction digits on the fast path; other precisions are Date.parse's to round.
      if (!isDigit(text, at + 4) && at + 4 <= length) {
        milli = digits(text, at + 1, 3);
        at += 4;
      } else {
        return Date.parse(text);
      }
    }
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(at);
  if (zone === Z && at + 1 === length) {
    offsetMinutes = 0;
  } else if ((zone === PLUS || zone === DASH) && at + 6 === length && text.charCodeAt(at + 3) === COLON) {
    const offset = digits(text, at + 1, 2) * 60 + digits(text, at + 4, 2);
    offsetMinutes = zone === PLUS ? offset : -offset;
  } else {
    return Date.parse(text);
  }
  // Out-of-range fields (month 13, hour 25, a non-digit) are Date.parse's to judge; so are years
  // before 1000, which Date.UTC would read as 19xx.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && milli >= 0 && year >= 1000)) {
    return Date.parse(text);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, milli) - offsetMinutes * 60_000;
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const T = 84;
const Z = 90;

const isDigit = (text: string, at: number): boolean => {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
};

/** The number written by `length` digits at `start`; NaN when one is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return Number.NaN;
    value = value * 10 + c;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
