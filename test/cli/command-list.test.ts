import { describe, expect, it } from 'vitest';
import { commandList } from '../../functions/cli/command-list.ts';

/**
 * The CLI finds a command by the name in its list and only then loads the command's module
 * (command-list.ts): a list name that differs from the command's own would run one command
 * under another's name, or none.
 */
describe('the command list', () => {
  it('loads, for every name, the command of that name, each name once', async () => {
    const loaded = await Promise.all(commandList.map(async (entry) => [entry.name, (await entry.load()).name]));
    for (const [listed, own] of loaded) expect(own).toBe(listed);
    expect(new Set(commandList.map((entry) => entry.name)).size).toBe(commandList.length);
  });
});
