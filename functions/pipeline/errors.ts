import { isConfigError } from '../config/index.ts';

/** A pipeline step that could not do its work; `exitCode` is what the CLI exits with. */
export class PipelineError extends Error {
  override name = 'PipelineError';
  readonly step: string;
  readonly exitCode: 1 | 2;
  constructor(step: string, message: string, exitCode: 1 | 2 = 1) {
    super(`${step}: ${message}`);
    this.step = step;
    this.exitCode = exitCode;
  }
}

export function isPipelineError(error: unknown): error is PipelineError {
  return error instanceof PipelineError;
}

/** One line for a log or a terminal: the message, and the cause's when it adds something. */
export function describeError(error: unknown): string {
  if (isConfigError(error)) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    const line = cause && !error.message.includes(cause) ? `${error.message} (${cause})` : error.message;
    return line.replace(/\s*\n\s*/g, ' ');
  }
  return String(error);
}
