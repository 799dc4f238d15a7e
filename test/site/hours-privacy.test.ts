import { describe, expect, it } from 'vitest';
import { HoursPrivacy } from '../../site/src/lib/hours-privacy.ts';

/** The rule strategy's pages print hours by, on sums small enough to follow by hand (minGroup 5). */
describe('HoursPrivacy', () => {
  it('holds back a figure of fewer than minGroup people, or with no count, and shows 0 h and larger groups', () => {
    const p = new HoursPrivacy(5);
    p.cell('four', 40, 4);
    p.cell('five', 50, 5);
    p.cell('uncounted', 10, undefined);
    p.cell('nobody', 0, 0);
    p.settle();
    expect(['four', 'five', 'uncounted', 'nobody', 'unknown'].map((k) => p.shown(k))).toEqual([false, true, false, true, false]);
  });

  it('hides a second part where one part of a printed total is hidden: the smallest other non-zero one', () => {
    // Total 90 h over 12 people: A 50 h (6), B 10 h (2), C 30 h (7), D 0 h. Shown total minus A and C would give B.
    const p = new HoursPrivacy(5);
    p.cell('total', 90, 12);
    p.cell('A', 50, 6);
    p.cell('B', 10, 2);
    p.cell('C', 30, 7);
    p.cell('D', 0, 0);
    p.sum('total', ['A', 'B', 'C', 'D']);
    expect(p.settle().hidden()).toEqual(['B', 'C']);
  });

  it('follows a hidden cell into every sum it is part of, until no sum has exactly one hidden', () => {
    // Two rows and their column: row1 = x1 + y1, row2 = x2 + y2, column x = x1 + x2. y1 is small.
    // row1: y1 hidden → x1 (the only other part). Column x: x1 hidden → x2. Row2: x2 hidden → y2.
    const p = new HoursPrivacy(5);
    for (const [k, h, n] of [['row1', 30, 9], ['x1', 20, 6], ['y1', 10, 3], ['row2', 60, 20], ['x2', 25, 8], ['y2', 35, 12], ['x', 45, 14]] as const) p.cell(k, h, n);
    p.sum('row1', ['x1', 'y1']);
    p.sum('row2', ['x2', 'y2']);
    p.sum('x', ['x1', 'x2']);
    expect(p.settle().hidden()).toEqual(['x1', 'x2', 'y1', 'y2']);
    // Every sum now has 0 or at least 2 hidden figures.
    expect(['row1', 'row2', 'x'].map((k) => p.shown(k))).toEqual([true, true, true]);
  });

  it('hides the total when its one part that could go is the hidden one (a figure printed twice)', () => {
    const p = new HoursPrivacy(5);
    p.cell('window', 40, 6);
    p.cell('mix', 40, 4);
    p.sum('window', ['mix']);
    expect(p.settle().hidden()).toEqual(['mix', 'window']);
  });
});
