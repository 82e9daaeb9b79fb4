import { readFile } from 'node:fs/promises';
import { leaksSecret } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  countByType,
  type GraphSnapshot,
  toNdjson,
  unmanagedAccounts,
} from '../src/index.js';
import { connectorsOf, startTenant, type Tenant } from './sandboxes.js';

let tenant: Tenant;
let snapshot: GraphSnapshot;

beforeAll(async () => {
  tenant = await startTenant();
  snapshot = await collect(connectorsOf(tenant));
});
afterAll(() => tenant?.close());

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('the graph of a seeded sandbox tenant', () => {
  it("merges Kandji's Prism security state into its devices, which keep their name and source", () => {
    const devices = [...snapshot.entities.values()].filter((e) => e._type === 'kandji_device');
    expect(devices).toHaveLength(3);
    for (const d of devices) {
      expect(d._source).toBe('kandji/devices');
      expect(d.displayName).not.toBe(d.device_id);
      expect(typeof d.last_check_in).toBe('string');
      expect(Number.isNaN(Date.parse(String(d.last_check_in)))).toBe(false);
      expect(typeof d['activation_lock.user_activation_lock_enabled']).toBe('boolean');
      if (d.platform === 'Mac') expect(typeof d['filevault.filevault_enabled']).toBe('boolean');
      else expect(d['filevault.filevault_enabled']).toBeUndefined();
    }
  });

  it('reads every resource completely', () => {
    expect(snapshot.complete).toBe(true);
    expect(snapshot.resources.map((r) => r.source)).toEqual([
      'hexnode/users',
      'hexnode/groups',
      'hexnode/groupMembers',
      'hexnode/devices',
      'hexnode/deviceGroups',
      'kandji/users',
      'kandji/devices',
      'kandji/filevault',
      'kandji/activationLock',
      'jumpcloud/organizations',
      'jumpcloud/users',
      'jumpcloud/groups',
      'jumpcloud/groupMembers',
      'jumpcloud/applications',
      'jumpcloud/applicationAssignments',
      'jumpcloud/systems',
      'jumpcloud/policies',
      'jumpcloud/policyResults',
      'jumpcloud/administrators',
      'graph/people',
    ]);
  });

  it('holds exactly the expected entities and relationships', async () => {
    // The fixture lists every _key; it was checked against the sandbox's rules (group g holds
    // the users i ≡ g mod groups, device d belongs to user d + 1, group 0 nests group 1).
    const expected = (
      await readFile(new URL('fixtures/tenant-11.keys.txt', import.meta.url), 'utf8')
    )
      .trim()
      .split('\n');
    expect([...sorted(snapshot.entities.keys()), ...sorted(snapshot.relationships.keys())]).toEqual(
      expected,
    );
  });

  it('counts every type and edge', () => {
    expect(countByType(snapshot)).toEqual({
      entities: {
        hexnode_account: 1,
        hexnode_device: 4,
        hexnode_device_group: 1,
        hexnode_group: 2,
        hexnode_user: 5,
        jumpcloud_account: 1,
        jumpcloud_administrator: 1,
        jumpcloud_application: 1,
        jumpcloud_device: 2,
        jumpcloud_group: 2,
        jumpcloud_policy: 1,
        jumpcloud_user: 6,
        kandji_account: 1,
        kandji_device: 3,
        kandji_device_group: 3,
        kandji_user: 4,
        person: 7,
      },
      relationships: {
        hexnode_account_has_hexnode_device: 4,
        hexnode_account_has_hexnode_device_group: 1,
        hexnode_account_has_hexnode_group: 2,
        hexnode_account_has_hexnode_user: 5,
        hexnode_group_has_hexnode_user: 4,
        hexnode_user_owns_hexnode_device: 4,
        jumpcloud_account_has_jumpcloud_administrator: 1,
        jumpcloud_account_has_jumpcloud_application: 1,
        jumpcloud_account_has_jumpcloud_device: 2,
        jumpcloud_account_has_jumpcloud_group: 2,
        jumpcloud_account_has_jumpcloud_policy: 1,
        jumpcloud_account_has_jumpcloud_user: 6,
        jumpcloud_group_assigned_jumpcloud_application: 1,
        jumpcloud_group_has_jumpcloud_group: 1,
        jumpcloud_group_has_jumpcloud_user: 6,
        jumpcloud_policy_applies_to_jumpcloud_device: 2,
        jumpcloud_user_assigned_jumpcloud_application: 3,
        kandji_account_has_kandji_device: 3,
        kandji_account_has_kandji_device_group: 3,
        kandji_account_has_kandji_user: 4,
        kandji_device_group_has_kandji_device: 3,
        kandji_user_owns_kandji_device: 3,
        person_is_hexnode_user: 4,
        person_is_jumpcloud_administrator: 1,
        person_is_jumpcloud_user: 6,
        person_is_kandji_user: 4,
      },
    });
  });

  it('matches Hexnode group members and device owners to the sandbox rules', () => {
    const edges = (type: string) =>
      sorted(
        [...snapshot.relationships.values()].filter((r) => r._type === type).map((r) => r._key),
      );
    expect(edges('hexnode_group_has_hexnode_user')).toEqual([
      'hexnode:group:1|has|hexnode:user:2',
      'hexnode:group:1|has|hexnode:user:4',
      'hexnode:group:2|has|hexnode:user:3',
      'hexnode:group:2|has|hexnode:user:5',
    ]);
    expect(edges('hexnode_user_owns_hexnode_device')).toEqual([
      'hexnode:user:2|owns|hexnode:device:1',
      'hexnode:user:3|owns|hexnode:device:2',
      'hexnode:user:4|owns|hexnode:device:3',
      'hexnode:user:5|owns|hexnode:device:4',
    ]);
  });

  it('keeps the entity shape of the JupiterOne data model with vendor fields', () => {
    const user = [...snapshot.entities.values()].find((e) => e._type === 'jumpcloud_user');
    expect(user).toMatchObject({
      _class: ['User'],
      _kind: 'user',
      _source: 'jumpcloud/users',
      active: expect.any(Boolean),
      email: expect.stringMatching(/@acme\.example$/),
      department: expect.any(String),
    });
    const result = [...snapshot.relationships.values()].find((r) => r._class === 'APPLIES_TO');
    expect(result).toMatchObject({ success: expect.any(Boolean), state: expect.any(String) });
  });

  it('joins people across vendors and lists the accounts the directory lacks', () => {
    const people = [...snapshot.entities.values()].filter((e) => e._kind === 'person');
    expect(people.filter((p) => p.directory).length).toBe(7);
    // Hexnode user 1 is the emailless "Default User": no person, and not listed as unmanaged.
    expect(unmanagedAccounts(snapshot)).toEqual([]);
    const julia = snapshot.entities.get('person:julia.mendes@acme.example');
    expect(julia).toMatchObject({ directory: true, vendors: ['hexnode', 'jumpcloud', 'kandji'] });
  });

  it('holds no credential of any connection', () => {
    const c = tenant.jumpcloud.credentials;
    const secrets = [
      tenant.hexnode.credentials.apiKey,
      tenant.kandji.credentials.apiToken,
      c.apiKey,
    ];
    const text = [...toNdjson(snapshot)].join('') + JSON.stringify(snapshot.resources);
    expect(leaksSecret(text, secrets)).toBe(false);
    expect(leaksSecret(`x${c.apiKey}x`, secrets)).toBe(true);
  });

  it('exports the same NDJSON for the same graph', async () => {
    const again = await collect(connectorsOf(tenant));
    expect([...toNdjson(again)].join('')).toBe([...toNdjson(snapshot)].join(''));
  });
});
