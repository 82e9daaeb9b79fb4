// The demo, as a function the test can run: build the graph of the three sandboxes, write its
// exports, change the sandboxes, and read the change feed.
import {
  createFileGraphStore,
  createGraphFeed,
  type GraphFeedResult,
  unmanagedAccounts,
} from '@org/connector-graph';
import { writeExports } from './exports.ts';
import { formatChanges, formatCounts, formatResources } from './format.ts';
import { closeSandboxes, connect, startSandboxes } from './sandboxes.ts';

export interface DemoResult {
  baseline: GraphFeedResult;
  after: GraphFeedResult;
  files: string[];
  /** What the sandboxes were told to change. */
  changed: { department: string; hire: string; offboarded: string };
}

export async function runDemo(o: {
  seed: number;
  outDir: string;
  log: (line: string) => void;
}): Promise<DemoResult> {
  const sandboxes = await startSandboxes(o.seed);
  try {
    const feed = createGraphFeed({
      connections: connect(sandboxes),
      store: createFileGraphStore({ directory: `${o.outDir}/state` }),
      collect: {
        onEvent: (e) => {
          if (e.type === 'estimate') o.log(`${e.connection}: about ${e.cost} calls`);
        },
      },
    });

    const baseline = await feed.run();
    o.log(`\n${formatResources(baseline.snapshot)}\n`);
    o.log(formatCounts(baseline.snapshot));
    const unmanaged = unmanagedAccounts(baseline.snapshot);
    o.log(`\naccounts with no directory person: ${unmanaged.length}`);
    for (const a of unmanaged.slice(0, 5))
      o.log(`  ${a.connection}: ${a.displayName} <${a.email}>`);
    const files = await writeExports(baseline.snapshot, o.outDir);
    o.log(`\nwrote ${files.join(', ')}`);

    // An admin moves someone to another department, HR hires one person (who joins a group),
    // and someone is offboarded from the directory.
    const jcUsers = [...baseline.snapshot.entities.values()].filter(
      (e) => e._type === 'jumpcloud_user',
    );
    const mover = String(jcUsers[0]?.id ?? jcUsers[0]?._id);
    const leaver = String(jcUsers[1]?.id ?? jcUsers[1]?._id);
    sandboxes.jumpcloud.control.updateUser(mover, { department: 'Security' });
    const [hire] = sandboxes.jumpcloud.control.addUsers(1);
    sandboxes.jumpcloud.control.removeUsers([leaver]);

    const after = await feed.run();
    o.log(`\nchange feed (${after.status}):\n${formatChanges(after.changes)}`);
    return {
      baseline,
      after,
      files,
      changed: { department: mover, hire: String(hire?.id), offboarded: leaver },
    };
  } finally {
    await closeSandboxes(sandboxes);
  }
}
