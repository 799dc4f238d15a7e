/**
 * What `pmpulse sources inspect` shows of one configured source: named lists of flat records
 * (fields, statuses, projects...) and notes, so a user can write the source's mapping (story-point
 * fields, statuses, columns) without reading the vendor's API documents.
 */
export type InspectionCell = string | number | boolean | null;
export type InspectionRow = Record<string, InspectionCell>;

export interface InspectionSection {
  /** The key in `--json` output, e.g. `fields`. */
  name: string;
  /** The heading in text output. */
  title: string;
  rows: InspectionRow[];
}

export interface SourceInspection {
  source: string;
  type: string;
  /** What pmpulse would read with the current config, and problems found on the way. */
  notes: string[];
  sections: InspectionSection[];
}

