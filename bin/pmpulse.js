#!/usr/bin/env node
// The CLI is TypeScript run directly by Node (type stripping, Node >= 22.18); this stub only starts it.
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
