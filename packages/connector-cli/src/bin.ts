#!/usr/bin/env node
// The `connector-kit` executable: the process's streams, environment and signals for runCli.
import { runCli } from './cli/run.js';

const controller = new AbortController();
const stop = () => {
  // A second Ctrl-C while the command unwinds ends the process at once.
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// The reader went away (`connector-kit accounts | head`): nothing more can be said, so end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.off('SIGINT', stop);
process.off('SIGTERM', stop);
