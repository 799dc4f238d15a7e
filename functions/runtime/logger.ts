/** Where every layer logs: the CLI's stderr lines, Lambda's JSON lines, or nothing in tests. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

/**
 * Human lines on stderr for the CLI, JSON lines for Lambda (CloudWatch parses them).
 * stdout stays free for the command's own result.
 */
export function createLogger(options: { json?: boolean; quiet?: boolean; write?: (line: string) => void } = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: Level, message: string, details?: Record<string, unknown>) => {
    if (options.quiet && level === 'info') return;
    if (options.json) {
      write(JSON.stringify({ level, message, time: new Date().toISOString(), ...details }));
      return;
    }
    const extra = details && Object.keys(details).length ? ` ${formatDetails(details)}` : '';
    write(`${level === 'info' ? '' : `${level}: `}${message}${extra}`);
  };
  return {
    info: (message, details) => emit('info', message, details),
    warn: (message, details) => emit('warn', message, details),
    error: (message, details) => emit('error', message, details),
  };
}

function formatDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
