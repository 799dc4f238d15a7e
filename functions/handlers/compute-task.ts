import { runComputeTask } from './compute-task-run.ts';

// The container's entry: exit as soon as the run is over, whatever sockets the clients keep open
// (stdout is written synchronously to a pipe on Linux, so no log line is lost).
process.exit(await runComputeTask(process.env));
