// A vendor whose key is revoked before a collect: nothing it holds may be reported as changed,
// added or removed (its entities, and the persons and accounts derived from them), and the run
// after the key is restored reports nothing either: an outage is no change.
import { createHexnodeConnector } from '@org/connector-hexnode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CollectEvent,
  collect,
  createGraphFeed,
  createMemoryGraphStore,
  type GraphChanges,
  type GraphStore,
} from '../src/index.js';
import { connectorsOf, startTenant, type Tenant, type TenantCredentials } from './sandboxes.js';

const VENDORS = ['hexnode', 'kandji', 'jumpcloud'] as const;
type Vendor = (typeof VENDORS)[number];

let tenant: Tenant;
let store: GraphStore;
let spare: Required<TenantCredentials>;

/** Every change a run reports, as `<list>: <key> [fields]` lines (empty for no change). */
function reported(changes: GraphChanges): string[] {
  return [
    ...changes.entities.added.map((e) => `entity added: ${e._key}`),
    ...changes.entities.changed.map((c) => `entity changed: ${c.key} [${c.fields.join(', ')}]`),
    ...changes.entities.removed.map((e) => `entity removed: ${e._key}`),
    ...changes.relationships.added.map((r) => `edge added: ${r._key}`),
    ...changes.relationships.changed.map((c) => `edge changed: ${c.key} [${c.fields.join(', ')}]`),
    ...changes.relationships.removed.map((r) => `edge removed: ${r._key}`),
  ];
}

const run = (credentials: TenantCredentials = spare) =>
  createGraphFeed({ connections: connectorsOf(tenant, credentials), store }).run();

beforeEach(async () => {
  tenant = await startTenant();
  store = createMemoryGraphStore();
  // Keys of their own, so one can be revoked while the sandbox's defaults stay valid.
  spare = {
    hexnode: tenant.hexnode.control.addCredential(),
    kandji: tenant.kandji.control.addCredential(),
    jumpcloud: tenant.jumpcloud.control.addCredential(),
  };
  expect((await run()).status).toBe('baseline');
});
afterEach(() => tenant.close());

const secretOf = (vendor: Vendor): string => {
  const c = spare[vendor] as { apiKey?: string; apiToken?: string };
  return (c.apiKey ?? c.apiToken) as string;
};

describe.each(VENDORS)('%s revoked before a collect', (vendor) => {
  it('reports no change, withholds its resources, and recovers without a change', async () => {
    tenant[vendor].control.revokeCredential(secretOf(vendor));
    const outage = await run();
    expect(outage.status).toBe('changes');
    expect(outage.snapshot.complete).toBe(false);
    expect(reported(outage.changes)).toEqual([]);
    expect(outage.changes.withheld.some((s) => s.startsWith(`${vendor}/`))).toBe(true);

    // The key is replaced: the next run reads everything again and finds nothing new.
    const recovery = await run({ ...spare, [vendor]: tenant[vendor].credentials });
    expect(recovery.snapshot.complete).toBe(true);
    expect(reported(recovery.changes)).toEqual([]);
    expect(recovery.changes.withheld).toEqual([]);
  });
});

describe('a connection that cannot be read at all', () => {
  // Without a known daily quota the Hexnode connector learns it with one call before the read:
  // with a revoked key that call fails, before any resource is read.
  const learningHexnode = (apiKey: string) =>
    createHexnodeConnector({
      apiKey,
      portal: tenant.hexnode.credentials.portal,
      baseUrl: tenant.hexnode.credentials.baseUrl,
      name: 'hexnode',
    });

  it('is recorded failed with its error while the other connections are read', async () => {
    tenant.hexnode.control.revokeCredential(spare.hexnode.apiKey);
    const [, kandji, jumpcloud] = connectorsOf(tenant);
    const events: CollectEvent[] = [];
    const snapshot = await collect([learningHexnode(spare.hexnode.apiKey), kandji, jumpcloud], {
      onEvent: (e) => events.push(e),
    });
    expect(events.filter((e) => e.type === 'connection-failed')).toEqual([
      expect.objectContaining({
        connection: 'hexnode',
        error: expect.objectContaining({ code: 'authentication' }),
      }),
    ]);
    const hexnode = snapshot.resources.filter((r) => r.connection === 'hexnode');
    expect(hexnode.length).toBeGreaterThan(0);
    expect(hexnode.every((r) => !r.complete && r.error?.code === 'authentication')).toBe(true);
    expect(events.some((e) => e.type === 'resource-started' && e.connection === 'hexnode')).toBe(
      false,
    );
    const others = snapshot.resources.filter(
      (r) => r.connection === 'kandji' || r.connection === 'jumpcloud',
    );
    expect(others.every((r) => r.complete)).toBe(true);
    expect(snapshot.complete).toBe(false);
  });

  it('alone, makes collect reject with its error: nothing could be read', async () => {
    tenant.hexnode.control.revokeCredential(spare.hexnode.apiKey);
    await expect(collect([learningHexnode(spare.hexnode.apiKey)])).rejects.toMatchObject({
      code: 'authentication',
    });
  });
});
