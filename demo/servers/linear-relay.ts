/**
 * Relay connections as Linear serves them: `first` (default 50, at most 250) items after the
 * opaque `after` cursor, with `pageInfo`. A cursor names the position and the list it came from,
 * so one from another listing is refused, as a real cursor would be.
 */

export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
}

export const maxFirst = 250;

export class RelayArgumentError extends Error {}

export function connection<T>(items: readonly T[], args: { first?: number | null; after?: string | null }, list: string): Connection<T> {
  const first = args.first ?? 50;
  if (first < 0 || first > maxFirst) throw new RelayArgumentError(`first must be between 0 and ${maxFirst}`);
  const start = args.after ? positionOf(args.after, list) + 1 : 0;
  const nodes = items.slice(start, start + first);
  const end = start + nodes.length;
  return {
    nodes,
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: end < items.length,
      startCursor: nodes.length ? cursorOf(start, list) : null,
      endCursor: nodes.length ? cursorOf(end - 1, list) : null,
    },
  };
}

function cursorOf(position: number, list: string): string {
  return Buffer.from(JSON.stringify([list, position])).toString('base64url');
}

function positionOf(cursor: string, list: string): number {
  try {
    const [name, position] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (name === list && Number.isInteger(position) && (position as number) >= 0) return position as number;
  } catch {
    // fall through
  }
  throw new RelayArgumentError('invalid cursor');
}
