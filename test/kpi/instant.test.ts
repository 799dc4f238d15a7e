import { describe, expect, it } from 'vitest';
import { instantMs } from '../../functions/kpi/structures/instant.ts';
import { seededRandom } from '../../functions/runtime/random.ts';

// The fast parser must agree with Date.parse on every input, fast path or not.
describe('instantMs', () => {
  it.each([
    ['2026-11-01T15:30:00.000Z', Date.UTC(2026, 10, 1, 15, 30)],
    ['2026-11-01T15:30:00Z', Date.UTC(2026, 10, 1, 15, 30)],
    ['2026-11-01T15:30Z', Date.UTC(2026, 10, 1, 15, 30)],
    ['2026-11-01T15:30:00.000+02:00', Date.UTC(2026, 10, 1, 13, 30)],
    ['2026-11-01T15:30:00.000-05:30', Date.UTC(2026, 10, 1, 21, 0)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
  ])('reads %s', (text, expected) => {
    expect(instantMs(text)).toBe(expected);
  });

  it.each([
    '2026-11-01T15:30:00.123456Z', '2026-11-01T15:30:00.1Z', '2026-13-01T00:00:00Z', '2026-11-01T24:00:00Z',
    '2026-11-01', '2026-11-01T15:30:00.000+0200', 'x', '', '2026-11-01T15:30:00', '2026-11-01T15:30:60Z',
    '2026-04-31T00:00:00Z', '2026-02-29T00:00:00Z', '0099-01-01T00:00:00Z', '2026-1a-01T00:00:00Z', 'Sun, 01 Nov 2026 15:30:00 GMT',
  ])('answers as Date.parse for %j', (text) => {
    expect(instantMs(text)).toBe(Date.parse(text));
  });

  it('agrees with Date.parse on 20,000 generated date-times', () => {
    const next = seededRandom(11);
    const pick = (n: number) => Math.floor(next() * n);
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    let disagreements = 0;
    for (let i = 0; i < 20_000; i++) {
      const zone = ['Z', '+01:00', '-07:30', '+14:00', ''][pick(5)];
      const fraction = ['', '.000', `.${pad(pick(1000), 3)}`, `.${pick(10)}`][pick(4)];
      const seconds = next() < 0.8 ? `:${pad(pick(62), 2)}${fraction}` : '';
      const text = `${pad(1990 + pick(50), 4)}-${pad(1 + pick(13), 2)}-${pad(1 + pick(31), 2)}T${pad(pick(25), 2)}:${pad(pick(61), 2)}${seconds}${zone}`;
      if (!Object.is(instantMs(text), Date.parse(text))) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});
