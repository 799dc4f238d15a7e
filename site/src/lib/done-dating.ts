import type { QualityDoc } from '../../../functions/contract/documents.ts';
import type { ChartTable } from './charts.ts';

/** quality.json `doneDating`: per source, how many done tasks each rule dated. Empty in older snapshots. */
export function doneDatingTable(quality: QualityDoc): ChartTable {
  return {
    columns: ['Source', 'Done', 'By resolution', 'By changelog', 'By status-category date', 'By source time', 'Undated'],
    rows: (quality.doneDating ?? []).map((d) => [d.source, d.done, d.resolution, d.changelog, d.statusCategoryChange, d.sourceTime, d.undated].map(String) as string[]),
  };
}
