/**
 * The targets belong to the benchmark: each one is checked against a median and reported as met
 * or missed, with how far off it is, never as a test failure.
 */

export interface Target {
  /** What the target says, as printed: "≤ 60 s". */
  text: string;
  limit: number;
  /** 'max': the figure must not exceed the limit; 'min': it must reach it. */
  kind: 'max' | 'min';
}

export interface Verdict {
  met: boolean;
  /** "met, 38% under" / "missed by 2.3x (+130%)". */
  text: string;
}

export const atMost = (limit: number, text: string): Target => ({ limit, text, kind: 'max' });
export const atLeast = (limit: number, text: string): Target => ({ limit, text, kind: 'min' });

export function judge(value: number, target: Target): Verdict {
  const met = target.kind === 'max' ? value <= target.limit : value >= target.limit;
  if (target.limit === 0) return { met, text: met ? 'met' : `missed by ${value}` };
  const off = Math.abs(value / target.limit - 1);
  const percent = `${Math.round(off * 100)}%`;
  if (met) return { met, text: `met, ${percent} ${target.kind === 'max' ? 'under' : 'over'}` };
  const factor = target.kind === 'max' ? value / target.limit : target.limit / value;
  return { met, text: `missed by ${factor.toFixed(1)}x (${target.kind === 'max' ? '+' : '-'}${percent})` };
}
