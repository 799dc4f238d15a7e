import type { AlignmentDoc } from '../../../functions/contract/documents.ts';
import type { ProjectMix } from '../../../functions/contract/alignment-projects.ts';

type PortfolioAlignment = AlignmentDoc['portfolios'][number];

/** One project's row of its portfolio's projects × themes matrix. */
export interface ProjectGapRow {
  id: string;
  totalHours: number;
  unalignedHours: number;
  /** Hours per theme, in the portfolio's theme order (0 where the project has none). */
  themeHours: number[];
  /**
   * The project's part of the portfolio's gap score: positive pulls the portfolio away from its
   * targets, negative toward them. The parts of all its projects add up to the gap score.
   */
  gapPart: number;
}

/**
 * Splits a portfolio's gap score over its projects. The gap is ½ (Σ_t |a_t − T_t| + u) with
 * a_t = Σ_p h_pt ÷ H and u = Σ_p u_p ÷ H. Taking s_t = sign(a_t − T_t), |a_t − T_t| = s_t (a_t − T_t)
 * = Σ_p s_t (h_pt − T_t H_p) ÷ H, so project p's part is ½ (Σ_t s_t (h_pt − T_t H_p) + u_p) ÷ H:
 * hours on an over-target theme, or unaligned, push the gap up; hours on an under-target theme
 * pull it down. The parts sum to the gap exactly when the projects' hours are the portfolio's.
 */
export function projectGapRows(portfolio: PortfolioAlignment, mixes: readonly ProjectMix[]): ProjectGapRow[] {
  const total = portfolio.totalHours;
  const signs = portfolio.themes.map((t) => Math.sign(t.actual - t.target));
  return mixes
    .map((mix) => {
      const byId = new Map(mix.themes.map((t) => [t.id, t.hours]));
      const themeHours = portfolio.themes.map((t) => byId.get(t.id) ?? 0);
      const pull = themeHours.reduce((sum, hours, i) => sum + signs[i]! * (hours - portfolio.themes[i]!.target * mix.totalHours), 0);
      const gapPart = total > 0 ? (pull + mix.unalignedHours) / (2 * total) : 0;
      return { id: mix.id, totalHours: mix.totalHours, unalignedHours: mix.unalignedHours, themeHours, gapPart };
    })
    .sort((a, b) => b.gapPart - a.gapPart || (a.id < b.id ? -1 : 1));
}

/** The projects that make up most of the gap: largest parts first, until they cover half of it. */
export function mainCauses(rows: readonly ProjectGapRow[], gapScore: number): ProjectGapRow[] {
  const causes: ProjectGapRow[] = [];
  let covered = 0;
  for (const row of rows) {
    if (row.gapPart <= 0 || (causes.length > 0 && covered >= gapScore / 2)) break;
    causes.push(row);
    covered += row.gapPart;
  }
  return causes;
}
