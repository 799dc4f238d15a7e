import { createLogger, type Logger } from '../runtime/logger.ts';

export type { Logger };
export type LineWriter = (line: string) => void;

/**
 * Straight to stdout rather than console.log: Lambda stores the line as written, without its
 * timestamp/request-id prefix, so CloudWatch Logs Insights discovers every JSON field.
 */
export const writeStdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/** A JSON-lines logger whose every line carries `fields` (step, request id). */
export function createInvocationLogger(fields: Record<string, unknown>, write: LineWriter = writeStdout): Logger {
  const base = createLogger({ json: true, write });
  return {
    info: (message, details) => base.info(message, { ...fields, ...details }),
    warn: (message, details) => base.warn(message, { ...fields, ...details }),
    error: (message, details) => base.error(message, { ...fields, ...details }),
  };
}
