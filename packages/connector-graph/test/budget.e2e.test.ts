import { RateLimitError } from '@org/connector-core';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CollectEvent, collect } from '../src/index.js';
import { startTenant, type Tenant } from './sandboxes.js';

let tenant: Tenant;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(() => tenant?.close());

function hexnode(perDay: number) {
  const c = tenant.hexnode.credentials;
  return createHexnodeConnector({
    apiKey: c.apiKey,
    portal: c.portal,
    baseUrl: c.baseUrl,
    name: 'hexnode',
    limits: { perDay: { limit: perDay } },
  });
}

describe("the graph's cost against Hexnode's daily quota", () => {
  it('refuses before reading when the quota left cannot hold the graph', async () => {
    tenant.hexnode.control.resetCounters();
    const events: CollectEvent[] = [];
    const error = await collect([hexnode(5)], { onEvent: (e) => events.push(e) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ scope: 'quota', vendor: 'hexnode' });
    const estimate = events.find((e) => e.type === 'estimate');
    // One call per listing (the users' from the connector's own estimate); one member read per
    // group and per device group is a floor of 1 without a previous snapshot.
    expect(estimate).toMatchObject({
      connection: 'hexnode',
      cost: 6,
      resources: {
        users: 1,
        groups: 1,
        groupMembers: 1,
        devices: 1,
        deviceGroups: 1,
        deviceGroupMembers: 1,
      },
    });
    expect(events.some((e) => e.type === 'resource-started')).toBe(false);
    // Only the user count the estimate needs was spent, no listing.
    expect(tenant.hexnode.control.counters().requests).toBeLessThanOrEqual(1);
  });

  it('reads the whole graph when the quota holds it', async () => {
    const snapshot = await collect([hexnode(50)]);
    expect(snapshot.complete).toBe(true);
    // With the last snapshot the estimate knows there are two groups to read members of.
    const events: CollectEvent[] = [];
    await collect([hexnode(50)], { previous: snapshot, onEvent: (e) => events.push(e) });
    expect(events.find((e) => e.type === 'estimate')).toMatchObject({
      resources: { groupMembers: 2 },
    });
    expect(snapshot.resources.find((r) => r.source === 'hexnode/groupMembers')?.relationships).toBe(
      4,
    );
  });
});
