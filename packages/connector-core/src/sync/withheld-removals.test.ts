import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import type { CallOptions, Connector } from '../model/connector.js';
import type { UnprovenListing } from '../paginate/continuity.js';
import { createFakeConnector, makeUsers } from '../testing/fake-connector.js';
import type { PollerEvent } from './events.js';
import { createMemoryStateStore } from './memory-store.js';
import { createPoller } from './poller.js';

const LISTING: UnprovenListing = {
  vendor: 'fake',
  endpoint: 'GET /users/',
  order: 'none',
  reason: 'the pages are in no order by id (page 0)',
};

/**
 * The fake connector, whose next run misses `missed` users and says its listing was unproven (as
 * a vendor whose pages come in no order), or only says so.
 */
function unprovenOnce(connector: ReturnType<typeof createFakeConnector>) {
  let next: { missed: Set<string> } | undefined;
  const wrapped: Connector = {
    vendor: connector.vendor,
    name: connector.name,
    verify: () => connector.verify(),
    async *accounts(options?: CallOptions) {
      const run = next;
      next = undefined;
      for await (const a of connector.accounts(options)) {
        if (!run?.missed.has(a.id)) yield a;
      }
      if (run) options?.onUnprovenListing?.(LISTING);
    },
  };
  return {
    connector: wrapped,
    missNextRun: (...ids: string[]) => {
      next = { missed: new Set(ids) };
    },
  };
}

function setup() {
  const fake = createFakeConnector({ users: makeUsers(5) });
  const { connector, missNextRun } = unprovenOnce(fake);
  const events: PollerEvent[] = [];
  const clock = createManualClock();
  const poller = createPoller({
    connector,
    store: createMemoryStateStore({ clock }),
    clock,
    intervalMs: 60_000,
    onEvent: (e) => events.push(e),
  });
  return { fake, missNextRun, events, poller };
}

describe('createPoller: a listing that could not prove it missed nothing', () => {
  it('reports no removal, keeps the unseen accounts, and says why in an event', async () => {
    const { fake, missNextRun, events, poller } = setup();
    await poller.runOnce();
    fake.add(...makeUsers(1, 6));
    missNextRun('u2', 'u4');
    const delta = await poller.runOnce();
    expect(delta.removed).toEqual([]);
    expect(delta.added.map((a) => a.id)).toEqual(['u6']);
    expect(delta.withheldRemovals).toBe(2);
    expect(delta.total).toBe(6); // the two unseen accounts stay in the snapshot
    expect(events.filter((e) => e.type === 'removals-withheld')).toEqual([
      {
        type: 'removals-withheld',
        connection: 'fake-1',
        run: 2,
        removals: 2,
        reason: 'fake GET /users/: the pages are in no order by id (page 0)',
        listings: [LISTING],
      },
    ]);
    expect(events.some((e) => e.type === 'removed')).toBe(false);
  });

  it('reports a withheld account removed once a proven run does not see it either', async () => {
    const { fake, missNextRun, poller } = setup();
    await poller.runOnce();
    missNextRun('u2');
    fake.remove('u3'); // really gone, but the unproven run cannot tell
    const unproven = await poller.runOnce();
    expect(unproven.removed).toEqual([]);
    const proven = await poller.runOnce();
    expect(proven.removed.map((r) => r.id)).toEqual(['u3']);
    expect(proven.added).toEqual([]); // u2, seen again, was never dropped
    expect(proven.withheldRemovals).toBeUndefined();
  });

  it('takes an unproven baseline as it is: there is nothing to remove yet', async () => {
    const { missNextRun, events, poller } = setup();
    missNextRun('u1');
    const baseline = await poller.runOnce();
    expect(baseline.total).toBe(4);
    expect(events.some((e) => e.type === 'removals-withheld')).toBe(false);
  });
});
