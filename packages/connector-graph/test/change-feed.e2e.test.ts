import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createGraphFeed,
  createMemoryGraphStore,
  type GraphFeed,
  type GraphSnapshot,
  unmanagedAccounts,
} from '../src/index.js';
import { connectorsOf, startTenant, type Tenant } from './sandboxes.js';

let tenant: Tenant;
let feed: GraphFeed;
let baseline: GraphSnapshot;

const JULIA = 'person:julia.mendes@acme.example';

/** The JumpCloud user id of a person, from the graph's IS edges. */
function jumpcloudUserOf(snapshot: GraphSnapshot, person: string): string {
  const edge = [...snapshot.relationships.values()].find(
    (r) => r._fromEntityKey === person && r._toEntityKey.startsWith('jumpcloud:user:'),
  );
  if (!edge) throw new Error(`${person} has no JumpCloud user`);
  return edge._toEntityKey.slice('jumpcloud:user:'.length);
}

beforeEach(async () => {
  tenant = await startTenant();
  feed = createGraphFeed({ connections: connectorsOf(tenant), store: createMemoryGraphStore() });
  const first = await feed.run();
  expect(first.status).toBe('baseline');
  baseline = first.snapshot;
});
afterEach(() => tenant.close());

describe('the graph change feed', () => {
  it('reports a department change and a new group membership', async () => {
    const id = jumpcloudUserOf(baseline, JULIA);
    tenant.jumpcloud.control.updateUser(id, { department: 'Forensics' });
    const [hire] = tenant.jumpcloud.control.addUsers(1);
    const { status, changes } = await feed.run();

    expect(status).toBe('changes');
    expect(changes.entities.changed.map((c) => [c.key, c.fields])).toEqual([
      [`jumpcloud:user:${id}`, ['department']],
    ]);
    expect(changes.entities.changed[0]?.current.department).toBe('Forensics');
    const hireKey = `jumpcloud:user:${hire?.id}`;
    expect(changes.entities.added.map((e) => e._key)).toEqual([
      hireKey,
      `person:${String(hire?.email).toLowerCase()}`,
    ]);
    // User 6 of 2 groups joins group 0: a membership edge appears with the account edge and IS,
    // and access to the application bound to group 0. Group 0 is the one that nests group 1.
    const group0 = [...baseline.relationships.values()].find(
      (r) => r._type === 'jumpcloud_group_has_group',
    )?._fromEntityKey;
    const app = [...baseline.relationships.values()].find(
      (r) => r._type === 'jumpcloud_group_assigned_application' && r._fromEntityKey === group0,
    )?._toEntityKey;
    expect(changes.relationships.added.map((r) => r._key).sort()).toEqual(
      [
        `${baseline.connections[2]?.accountKey}|has|${hireKey}`,
        `${group0}|has|${hireKey}`,
        `${hireKey}|assigned|${app}`,
        `person:${String(hire?.email).toLowerCase()}|is|${hireKey}`,
      ].sort(),
    );
    expect(changes.entities.removed).toEqual([]);
    expect(changes.relationships.removed).toEqual([]);
  });

  it('reports an offboarded user as removed, and their device-tool accounts as unmanaged', async () => {
    const id = jumpcloudUserOf(baseline, JULIA);
    tenant.jumpcloud.control.removeUsers([id]);
    const { changes, snapshot } = await feed.run();
    expect(changes.entities.removed.map((e) => e._key)).toEqual([`jumpcloud:user:${id}`]);
    expect(changes.entities.changed.map((c) => [c.key, c.fields])).toEqual([
      [JULIA, ['directory', 'vendors']],
    ]);
    expect(unmanagedAccounts(snapshot).map((a) => a.key)).toEqual([
      'hexnode:user:4',
      'kandji:user:a1e7ef56-e91a-46c8-b1c3-a7f0ab053259',
    ]);
  });

  it('never reports the items of an incomplete resource as removed', async () => {
    const id = jumpcloudUserOf(baseline, JULIA);
    tenant.jumpcloud.control.removeUsers([id]);
    tenant.jumpcloud.control.fault({ kind: 'html', status: 403, path: '/members', times: 100 });
    const partial = await feed.run();

    const members = partial.snapshot.resources.find((r) => r.source === 'jumpcloud/groupMembers');
    expect(members).toMatchObject({ complete: false, error: { code: 'permission' } });
    expect(partial.snapshot.complete).toBe(false);
    expect(partial.changes.withheld).toEqual(['jumpcloud/groupMembers']);
    // The user is gone (users was read completely); its memberships are not reported yet.
    expect(partial.changes.entities.removed.map((e) => e._key)).toEqual([`jumpcloud:user:${id}`]);
    const removedSources = new Set(partial.changes.relationships.removed.map((r) => r._source));
    expect(removedSources.has('jumpcloud/groupMembers')).toBe(false);
    expect(partial.changes.relationships.removed.length).toBeGreaterThan(0);

    // Once the memberships can be read again, the one that is really gone is reported.
    tenant.jumpcloud.control.clearFaults();
    const healed = await feed.run();
    expect(healed.changes.relationships.removed.map((r) => r._source)).toEqual([
      'jumpcloud/groupMembers',
    ]);
    expect(healed.changes.relationships.removed[0]?._toEntityKey).toBe(`jumpcloud:user:${id}`);
  });

  it('holds a run that removes more than the guard allows until it is accepted', async () => {
    const ids = [...baseline.entities.values()]
      .filter((e) => e._type === 'kandji_user')
      .map((e) => String(e.id));
    const guarded = createGraphFeed({
      connections: connectorsOf(tenant),
      store: createMemoryGraphStore(),
      guard: { share: 0, min: 2 },
    });
    await guarded.run();
    tenant.kandji.control.removeUsers(ids);
    const held = await guarded.run();
    expect(held.status).toBe('held');
    expect(held.saved).toBe(false);
    expect(held.changes.entities.removed.length).toBe(4);
    const again = await guarded.run();
    expect(again.status).toBe('held');
    const accepted = await guarded.run({ acceptRemovals: true });
    expect(accepted).toMatchObject({ status: 'changes', saved: true });
    expect((await guarded.run()).changes.entities.removed).toEqual([]);
  });
});
