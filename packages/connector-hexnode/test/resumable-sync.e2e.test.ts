import {
  type ChangeSet,
  createMemoryStateStore,
  createPoller,
  type PollerEvent,
  type StateStore,
} from '@org/connector-core';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createHexnodeConnector } from '../src/index.js';

// A long first sync of a Hexnode portal cut off half way, then run again, as after a crash or a
// restart: it goes on from the progress it kept instead of spending Hexnode's quota again.
// 2,000 users in pages of 20, read either way a portal may send them: by id as the connector asks
// (101 requests uninterrupted: the first page, then the last page down to the first), or newest
// first, Hexnode's own order, when a portal keeps it whatever is asked (100 requests, read
// forward). No rate limits here: the cost in requests is the point, not the pace.
let sandbox: Sandbox<'hexnode'> | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const USERS = 2_000;
const connectorFor = (sb: Sandbox<'hexnode'>) =>
  createHexnodeConnector({
    ...sb.credentials,
    managedDevices: 1_000,
    pageSize: 20,
    // The sandbox enforces no limit here; neither need the connector (Hexnode's 30 a minute).
    limits: { perMinute: { limit: 100_000 } },
  });
const pollerFor = (sb: Sandbox<'hexnode'>, store: StateStore, onEvent?: (e: PollerEvent) => void) =>
  createPoller({
    connector: connectorFor(sb),
    store,
    intervalMs: 86_400_000,
    budgetPolicy: 'ignore',
    checkpointEveryMs: 0,
    progressEvery: 20,
    onEvent,
  });

describe.each([
  { order: 'honoured', read: 'by id, backward', requests: 101 },
  { order: 'ignored', read: 'newest first, forward', requests: 100 },
] as const)('a resumable first sync of Hexnode, users sent $read', ({ order, requests }) => {
  it('killed at 50 % resumes and finishes within 105 % of the requests of an uninterrupted one', async () => {
    const sb = await startSandbox({
      vendor: 'hexnode',
      size: { users: USERS },
      limits: false,
      order,
    });
    sandbox = sb;
    const reference = createMemoryStateStore();
    const uninterrupted = await pollerFor(sb, reference).runOnce();
    const whole = sb.control.counters().requests;
    expect(whole).toBe(requests);
    sb.control.resetCounters();

    // The first attempt stops (as a crash would: nothing committed) once half the users are read.
    const store = createMemoryStateStore();
    const first = pollerFor(sb, store, (e) => {
      if (e.type === 'progress' && e.seen >= USERS / 2) void first.stop();
    });
    await expect(first.runOnce()).rejects.toThrow(/stopped/);
    const spent = sb.control.counters().requests;
    expect(spent).toBeGreaterThanOrEqual(50);
    expect(spent).toBeLessThan(60);
    expect(await store.load(connectorFor(sb).name)).toBeUndefined();

    // A new process: a new connector and poller on the same store.
    const events: PollerEvent[] = [];
    const resumed: ChangeSet = await pollerFor(sb, store, (e) => events.push(e)).runOnce();
    const total = sb.control.counters().requests;
    expect(events.find((e) => e.type === 'resumed')).toMatchObject({ seen: expect.any(Number) });
    // Progress tells the requests left, down to none, and how long they take at the budget's
    // rate (at once here: the budget holds them all).
    const progress = events.filter(
      (e) => e.type === 'progress' && e.remainingRequests !== undefined,
    );
    const left = progress.map((e) => (e.type === 'progress' ? (e.remainingRequests ?? 0) : 0));
    expect(left.length).toBeGreaterThan(10);
    expect(left[0]).toBeGreaterThan(40);
    expect(left.at(-1)).toBeLessThanOrEqual(2); // the last pages, as the last progress saw them
    expect([...left].sort((a, b) => b - a)).toEqual(left);
    expect(progress.every((e) => e.type === 'progress' && e.etaMs === 0)).toBe(true);
    expect(total).toBeLessThanOrEqual(Math.floor(whole * 1.05));
    expect(resumed).toMatchObject({ kind: 'baseline', total: uninterrupted.total, removed: [] });
    // Nothing changed while it was cut off: the resumed read proved it missed nothing.
    expect(events.filter((e) => e.type === 'removals-withheld')).toEqual([]);
    // Every user once, the same as the uninterrupted sync found.
    const ids = async (s: StateStore) =>
      [...((await s.load(resumed.connection))?.accounts.keys() ?? [])].sort();
    expect(await ids(store)).toEqual(await ids(reference));
    // The progress is gone once the baseline is committed.
    expect(await store.loadProgress?.(resumed.connection)).toBeUndefined();
    console.log(
      `resumable first sync (${order} order): ${whole} requests uninterrupted; ${spent} before the cut + ${total - spent} resumed = ${total} (${((total / whole) * 100).toFixed(1)} %)`,
    );
  });
});
