import { createRequire } from 'node:module';

/**
 * Makes dynalite close the LevelDB iterator behind every Query and Scan.
 *
 * Why this exists: dynalite 4 ends a read stream by calling `iterator.return()`, a method the
 * iterators of abstract-level (the layer under dynalite's `level` 10) do not have, so every
 * Query leaves its iterator open until the server stops. Each open iterator pins a LevelDB
 * snapshot, and with snapshots pinned LevelDB keeps every older version of an item it rewrites.
 * The LevelDB 1.20 that classic-level bundles has a compaction bug upstream fixed in 1.21
 * ("AddBoundaryInputs"): when the versions of one key span two files of a level, a compaction can
 * move the newer one down a level and leave the older one above it, and a read then returns the
 * older value. Measured on the large demo filled by the sync with records packed per item
 * (chunks rewritten tens of times): 4 of 4 fills read chunks back at revisions older than
 * acknowledged puts (e.g. revision 3 after 8, with nothing written in between at the LevelDB
 * level) and lost records; the same fill against the in-memory store, or with iterators closed
 * by this function, lost none (docs/deploy.md, "Packed records").
 *
 * The method is added only where missing, to the prototype every iterator of that abstract-level
 * shares, found through dynalite's own dependency chain so it is the copy dynalite uses.
 */
export function closeIteratorsOnReturn(dynaliteEntry: string): void {
  const fromDynalite = createRequire(dynaliteEntry);
  const fromLevel = createRequire(fromDynalite.resolve('level'));
  const fromClassic = createRequire(fromLevel.resolve('classic-level'));
  const { AbstractIterator } = fromClassic('abstract-level') as { AbstractIterator: { prototype: object } };
  // AbstractIterator, AbstractKeyIterator and AbstractValueIterator share one base class.
  const common = Object.getPrototypeOf(AbstractIterator.prototype) as { return?: () => Promise<void>; close(): Promise<void> };
  if (typeof common.return === 'function') return;
  Object.defineProperty(common, 'return', {
    configurable: true,
    writable: true,
    value: function closeOnReturn(this: { close(): Promise<void> }) {
      return this.close();
    },
  });
}
