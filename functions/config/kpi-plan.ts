import * as z from 'zod';

/**
 * `kpi.pvBasis`: what earned value plans with. `current` (default): each task's due date and
 * estimate as the source holds them now, so re-planning moves planned value with it. `baseline`:
 * the first due date and estimate set (docs/kpi-catalogue.md, "What was promised"), as a
 * performance-measurement baseline does.
 */
export const PvBasisSchema = z.enum(['current', 'baseline']).optional();
