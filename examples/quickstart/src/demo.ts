// The quickstart: verify each connection, read every account, print and save a unified
// inventory, then let the sandboxes add users and poll once to show them captured.
import { writeFile } from 'node:fs/promises';
import type { ChangeSet, ConnectorEvent } from '@org/connector-core';
import {
  type Connection,
  openConnections,
  secretsOf,
  vendorsFromEnvironment,
} from './connections.ts';
import { DemoFailure } from './failure.ts';
import { formatChangeSet, formatInventory } from './format.ts';
import { buildInventory, type Inventory, toInventoryAccount } from './inventory.ts';
import type { Output } from './output.ts';
import { pollOnce } from './poll.ts';
import {
  addNewUsers,
  closeSandboxes,
  type DemoSandboxes,
  startDemoSandboxes,
} from './sandboxes.ts';
import { type SyncedConnection, syncConnection, verifyConnection } from './sync.ts';
import { VENDORS, type Vendor } from './vendors.ts';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Where real credentials are read from (vendors without them run on a sandbox). */
  env: NodeJS.ProcessEnv;
  /** Where the text goes. */
  out: Output;
  /** Where `inventory.json` is written. */
  inventoryPath: string;
  /** Seed of the sandboxes' data (default 7). */
  seed?: number | undefined;
  /** Called once the sandboxes run, before anything is read: a place to inject faults. */
  onSandboxes?: ((sandboxes: DemoSandboxes) => void | Promise<void>) | undefined;
}

/** What the demo did, for callers that check it (the test). */
export interface DemoResult {
  inventory: Inventory;
  inventoryPath: string;
  connections: Array<{ vendor: Vendor; connection: string; source: Connection['source'] }>;
  /** Ids of the users each sandbox added before the poll. */
  newUsers: Partial<Record<Vendor, string[]>>;
  /** One change set per connection. */
  polls: ChangeSet[];
  /** The inventory with the poll's changes applied. */
  afterPoll: Inventory;
}

/**
 * Runs the demo. Throws a {@link DemoFailure} (readable, secret-free) when any step fails; the
 * sandboxes are closed either way.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { env, out } = options;
  const seed = options.seed ?? 7;
  const real = vendorsFromEnvironment(env);
  const sandboxed = VENDORS.filter((v) => !real.has(v));
  let secrets = secretsOf(env, {});
  let step = 'starting the sandboxes';
  let sandboxes: DemoSandboxes = {};
  const pages = new Map<string, number>();
  const onEvent = (vendor: Vendor, e: ConnectorEvent) => {
    if (e.type === 'page') pages.set(vendor, (pages.get(vendor) ?? 0) + 1);
  };
  const counter = { pages: (vendor: string) => pages.get(vendor) ?? 0 };

  try {
    out.line('connector kit quickstart');
    if (sandboxed.length > 0) {
      sandboxes = await startDemoSandboxes(sandboxed, seed);
      secrets = secretsOf(env, sandboxes);
      out.line(
        `  sandboxes on 127.0.0.1 for ${sandboxed.join(', ')} (seed ${seed}); real credentials: ${real.size > 0 ? [...real].join(', ') : 'none set'}`,
      );
      await options.onSandboxes?.(sandboxes);
    }
    step = 'configuring the connections';
    const connections = openConnections(env, sandboxes, onEvent);

    out.line('');
    out.line('1. verify each connection');
    const verified: Array<Connection & Awaited<ReturnType<typeof verifyConnection>>> = [];
    for (const c of connections) {
      step = `verifying ${c.connector.name}`;
      verified.push({ ...c, ...(await verifyConnection(c, out)) });
    }

    out.line('');
    out.line('2. sync accounts');
    const synced: SyncedConnection[] = [];
    for (const c of verified) {
      step = `syncing ${c.connector.name}`;
      const result = await syncConnection(c, c.verified, out, counter);
      synced.push({ ...c, verifyMs: c.ms, ...result });
    }

    step = 'writing the inventory';
    const list = synced.map((c) => ({ vendor: c.vendor, connection: c.connector.name }));
    const inventory = buildInventory(
      list,
      synced.flatMap((c) => c.accounts),
    );
    out.line('');
    out.line('3. unified inventory');
    for (const l of formatInventory(inventory)) out.line(l);
    await writeFile(
      options.inventoryPath,
      `${JSON.stringify(inventoryFile(inventory, synced, seed, sandboxed), null, 2)}\n`,
    );
    out.line(`  wrote ${options.inventoryPath}`);

    out.line('');
    out.line('4. poll for changes');
    const newUsers = addNewUsers(sandboxes);
    const added = Object.entries(newUsers).map(([v, ids]) => `${ids.length} in ${v}`);
    if (added.length > 0) out.line(`  the sandboxes add users: ${added.join(', ')}`);
    const polls: ChangeSet[] = [];
    for (const c of synced) {
      step = `polling ${c.connector.name}`;
      const set = await pollOnce(c);
      polls.push(set);
      for (const l of formatChangeSet(set)) out.line(l);
    }
    const afterPoll = applyPolls(inventory, polls);
    const before = new Set(inventory.unmanaged.map((p) => p.name ?? p.emails[0]));
    const now = new Set(afterPoll.unmanaged.map((p) => p.name ?? p.emails[0]));
    const resolved = [...before].filter((p) => !now.has(p)).length;
    const appeared = [...now].filter((p) => !before.has(p)).length;
    out.line(
      `  unmanaged now: ${afterPoll.unmanaged.length} (${resolved} got a JumpCloud account, ${appeared} new)`,
    );
    out.line('');
    out.line('done.');
    return {
      inventory,
      inventoryPath: options.inventoryPath,
      connections: synced.map((c) => ({
        vendor: c.vendor,
        connection: c.connector.name,
        source: c.source,
      })),
      newUsers,
      polls,
      afterPoll,
    };
  } catch (error) {
    throw new DemoFailure(step, error, secrets);
  } finally {
    await closeSandboxes(sandboxes);
  }
}

/** The inventory with each poll's added, changed and removed accounts applied. */
function applyPolls(inventory: Inventory, polls: readonly ChangeSet[]): Inventory {
  const byKey = new Map(inventory.accounts.map((a) => [`${a.connection}\u0000${a.id}`, a]));
  for (const set of polls) {
    for (const { previous: _p, id } of set.removed) byKey.delete(`${set.connection}\u0000${id}`);
    for (const { account } of [...set.added, ...set.changed]) {
      byKey.set(`${account.connection}\u0000${account.id}`, toInventoryAccount(account));
    }
  }
  return buildInventory(
    inventory.connections.map((c) => ({ vendor: c.vendor, connection: c.connection })),
    [...byKey.values()],
  );
}

/** What inventory.json holds: the inventory and where it came from, never a credential. */
function inventoryFile(
  inventory: Inventory,
  synced: readonly SyncedConnection[],
  seed: number,
  sandboxed: readonly Vendor[],
) {
  return {
    generatedAt: new Date().toISOString(),
    ...(sandboxed.length > 0 ? { sandboxSeed: seed } : {}),
    connections: synced.map((c, i) => ({
      vendor: c.vendor,
      connection: c.connector.name,
      source: c.source,
      verified: c.verified.details ?? {},
      accounts: inventory.connections[i]?.accounts ?? 0,
      byStatus: inventory.connections[i]?.byStatus ?? {},
      pages: c.pages,
      syncMs: Math.round(c.syncMs),
    })),
    matching:
      'a Hexnode or Kandji account is managed when a JumpCloud account has the same email (case and +tags ignored; @org/connector-graph joinPeople)',
    matched: inventory.matched,
    unmanaged: inventory.unmanaged,
    accounts: inventory.accounts,
  };
}
