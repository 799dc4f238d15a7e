#!/usr/bin/env node
// The CLI is TypeScript run directly by Node (type stripping, Node >= 22.18); this stub checks the
// Node version first, so an older Node gets one line saying what to do instead of a stack trace.
import { nodeVersionProblem } from './node-version.js';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(2);
}
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
