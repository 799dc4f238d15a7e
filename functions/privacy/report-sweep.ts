import { documentSchemas } from '../contract/documents.ts';
import type { ReportStore } from '../publish/report-store.ts';
import type { Redactor } from './redactor.ts';

/**
 * Every retained document of the report store (each snapshot, what compute staged, latest.json),
 * rewritten where it names the erased person. Snapshots keep their ids: an erasure is the one
 * change a published snapshot takes. A rewritten document is checked against its schema before
 * it is written, so readers and the site still read it.
 */
export interface ReportSweep {
  /** Documents read. */
  checked: number;
  /** Keys rewritten, sorted. */
  rewritten: string[];
}

const isDocumentName = (name: string): name is keyof typeof documentSchemas => Object.hasOwn(documentSchemas, name);

export async function sweepReports(reports: ReportStore, redactor: Redactor): Promise<ReportSweep> {
  // The JSON Schemas describe documents and never hold data.
  const keys = (await reports.list('')).filter((key) => !key.startsWith('schemas/'));
  const rewritten: string[] = [];
  for (const key of keys) {
    const document = await reports.getJson(key);
    const redacted = redactor.value(document);
    if (redacted === document) continue;
    const name = key.slice(key.lastIndexOf('/') + 1);
    if (isDocumentName(name)) {
      const check = documentSchemas[name].safeParse(redacted);
      if (!check.success) throw new Error(`${reports.describe()}: ${key} would no longer match its schema once rewritten: ${check.error.issues[0]?.message}`);
    }
    await reports.putJson(key, redacted);
    rewritten.push(key);
  }
  return { checked: keys.length, rewritten: rewritten.sort() };
}
