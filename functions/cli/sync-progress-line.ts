import type { SyncProgress, SyncProgressListener } from '../pipeline/index.ts';

/** Where progress goes: stderr in the CLI (stdout stays free for the command's result). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressLineOptions {
  stream?: ProgressStream;
  /** Milliseconds, for pacing; the wall clock by default. */
  now?: () => number;
  /** Without a terminal: one log line per source at most this often (default 10 s). */
  logEveryMs?: number;
}

/** A terminal redraws at most this often, so a fast sync does not spend its time drawing. */
const REDRAW_MS = 100;
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function describeProgress({ source, pages, records, elapsedMs, finished, stopped }: SyncProgress): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? `, ${whole.format(records / seconds)} records/s` : '';
  const what = `${whole.format(pages)} page${pages === 1 ? '' : 's'}, ${whole.format(records)} records${rate}`;
  if (stopped) return `${source}: stopped at the deadline after ${whole.format(pages)} page${pages === 1 ? '' : 's'} (${whole.format(records)} records, ${seconds.toFixed(1)} s); the next run continues`;
  return finished ? `synced ${source}: ${what}, ${seconds.toFixed(1)} s` : `syncing ${source}: ${what}, ${seconds.toFixed(1)} s so far`;
}

/**
 * Progress of a sync as a person watching it wants it: on a terminal one live line per source,
 * redrawn in place; in a log (CI, a pipe, a Lambda) a line every `logEveryMs` and one at the end.
 */
export function syncProgressLine(options: ProgressLineOptions = {}): SyncProgressListener {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const every = stream.isTTY ? REDRAW_MS : (options.logEveryMs ?? 10_000);
  let lastSource: string | undefined;
  let lastAt = Number.NEGATIVE_INFINITY;
  return (progress) => {
    const at = now();
    if (progress.source !== lastSource) {
      lastSource = progress.source;
      // A terminal shows a source at once; a log waits a full interval before its first line.
      lastAt = stream.isTTY ? Number.NEGATIVE_INFINITY : at;
    }
    if (!progress.finished && at - lastAt < every) return;
    lastAt = at;
    const line = describeProgress(progress);
    if (stream.isTTY) stream.write(`\r\x1b[K${line}${progress.finished ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}
