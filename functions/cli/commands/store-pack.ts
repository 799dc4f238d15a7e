import { loadConfig } from '../../config/index.ts';
import { recordKinds } from '../../domain/index.ts';
import { DynamoStore, openStore } from '../../store/index.ts';
import { configOption, UsageError, type Command } from '../command.ts';

/**
 * Packs a store written before records were packed (one item per record) into chunk items at
 * once. Not required: reads take the old items as they are, and each sync packs the kinds it
 * writes; this does every kind of every source now, so compute reads chunks only from its next run.
 */
export const storePackCommand: Command = {
  name: 'store pack',
  summary: 'Pack records stored one item per record (stores from before packing) into chunks',
  usage: `pmpulse store pack [--config FILE]

Moves every record the store still holds as one item per record into the packed chunks compute
reads, kind by kind, then deletes the old items. Safe to stop and run again; a store already
packed is left as it is. Syncs pack what they write on their own, so this only saves the wait.`,
  options: { ...configOption },
  async run(values) {
    const config = await loadConfig(values.config as string);
    const store = await openStore(config.store);
    try {
      if (!(store instanceof DynamoStore)) throw new UsageError('the configured store has no records to pack');
      const started = performance.now();
      const packed = await store.packLegacyRecords(recordKinds);
      process.stdout.write(`packed ${packed.toLocaleString('en')} record item(s) into chunks in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } finally {
      await store.close();
    }
    return 0;
  },
};
