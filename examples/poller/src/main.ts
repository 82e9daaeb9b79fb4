// Polls one connection with the file store and prints every change set.
//
//   node src/main.ts                                  a Kandji sandbox on 127.0.0.1, changing as it goes
//   KANDJI_API_TOKEN=... KANDJI_API_URL=... node src/main.ts
//   JUMPCLOUD_API_KEY=... [JUMPCLOUD_ORG_ID=...] node src/main.ts
//   HEXNODE_API_KEY=... HEXNODE_PORTAL=... node src/main.ts
//
// POLLER_INTERVAL_MS overrides the interval, POLLER_RUNS stops after that many runs,
// POLLER_STATE_DIR says where snapshots live (default .poller-state; the sandbox uses a temp dir).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileStateStore, createPoller } from '@org/connector-core';
import { openConnection } from './connection.ts';
import { formatChangeSet, formatEvent } from './format.ts';

const env = process.env;
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

const connection = await openConnection(env);
// The sandbox's data is made up afresh each start, so its state is kept for the session only.
const demoDir =
  !env.POLLER_STATE_DIR && connection.demo
    ? await mkdtemp(join(tmpdir(), 'poller-demo-'))
    : undefined;
const directory = env.POLLER_STATE_DIR ?? demoDir ?? '.poller-state';
const poller = createPoller({
  connector: connection.connector,
  store: createFileStateStore({ directory }),
  intervalMs: Number(env.POLLER_INTERVAL_MS ?? connection.intervalMs),
  jitter: 0.1,
  signal: controller.signal,
  onEvent: (event) => {
    const line = formatEvent(event);
    if (line) console.log(line);
  },
});

const maxRuns = Number(env.POLLER_RUNS ?? Number.POSITIVE_INFINITY);
console.log(
  `polling ${poller.connection} (${connection.connector.vendor}); state in ${directory}; Ctrl-C to stop`,
);
try {
  await poller.start();
  let runs = 0;
  for await (const set of poller) {
    console.log(formatChangeSet(set));
    connection.afterRun(set);
    if (++runs >= maxRuns) break;
  }
} catch (error) {
  // A refused interval (ConfigError) or a failure that needs a person (it stopped the poller).
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await poller.stop();
  await connection.close();
  if (demoDir) await rm(demoDir, { recursive: true, force: true });
}
