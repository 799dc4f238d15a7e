import type { z } from 'zod';
import { keyedIssues } from '../runtime/zod-issues.ts';

export interface DocumentIssue {
  /** Key path inside the document, e.g. `managers[0].values.spi.n`, or `(root)`. */
  path: string;
  message: string;
}

export function issuesOf(error: z.ZodError): DocumentIssue[] {
  return keyedIssues(error);
}

/** `managers.json: kpis[0].unit: …; …`; a problem with the whole document reads `latest.json: missing`. */
const describeIssues = (document: string, issues: readonly DocumentIssue[]): string =>
  `${document}: ${issues.map((issue) => (issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`)).join('; ')}`;

/** A document to publish does not match its published schema; nothing was written. */
export class PublishValidationError extends Error {
  override name = 'PublishValidationError';
  readonly document: string;
  readonly issues: readonly DocumentIssue[];
  constructor(document: string, issues: readonly DocumentIssue[]) {
    super(describeIssues(document, issues));
    this.document = document;
    this.issues = issues;
  }
}

export function isPublishValidationError(error: unknown): error is PublishValidationError {
  return error instanceof PublishValidationError;
}

/** A published snapshot cannot be read back: a document is missing or does not match its schema. */
export class SnapshotReadError extends Error {
  override name = 'SnapshotReadError';
  readonly key: string;
  readonly issues: readonly DocumentIssue[];
  constructor(key: string, issues: readonly DocumentIssue[], options?: { cause?: unknown }) {
    super(describeIssues(key, issues), options);
    this.key = key;
    this.issues = issues;
  }
}

export function isSnapshotReadError(error: unknown): error is SnapshotReadError {
  return error instanceof SnapshotReadError;
}
