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
      expect(d.displayName).not.toBe(d.id);
      // Times are epoch milliseconds, as JupiterOne stores them.
      expect(typeof d.lastSeenOn).toBe('number');
      expect(d.lastSeenOn).toBe(d.lastCheckIn);
      expect(typeof d['activationLock.userActivationLockEnabled']).toBe('boolean');
      if (d.deviceFamily === 'Mac') {
        expect(d.osType).toBe('darwin');
        expect(typeof d['filevault.filevaultEnabled']).toBe('boolean');
        expect(d.encrypted).toBe(d['filevault.filevaultEnabled']);
        expect(typeof d['startupSettings.sip']).toBe('boolean');
      } else {
        expect(d['filevault.filevaultEnabled']).toBeUndefined();
      }
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
      'hexnode/deviceGroupMembers',
      'kandji/users',
      'kandji/blueprints',
      'kandji/devices',
      'kandji/deviceInformation',
      'kandji/filevault',
      'kandji/activationLock',
      'kandji/gatekeeperAndXprotect',
      'kandji/applicationFirewall',
      'kandji/startupSettings',
      'kandji/apps',
      'kandji/installedProfiles',
      'kandji/localUsers',
      'jumpcloud/organizations',
      'jumpcloud/organizationSettings',
      'jumpcloud/authnPolicies',
      'jumpcloud/users',
      'jumpcloud/lastLogins',
      'jumpcloud/groups',
      'jumpcloud/groupMembers',
      'jumpcloud/applications',
      'jumpcloud/applicationAssignments',
      'jumpcloud/systems',
      'jumpcloud/policies',
      'jumpcloud/policyResults',
      'jumpcloud/appleMdms',
      'jumpcloud/appleMdmDevices',
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
        hexnode_user: 5,
        hexnode_user_group: 2,
        jumpcloud_account: 1,
        jumpcloud_administrator: 1,
        jumpcloud_apple_mdm: 1,
        jumpcloud_application: 1,
        jumpcloud_authn_policy: 3,
        jumpcloud_device: 2,
        jumpcloud_group: 2,
        jumpcloud_policy: 1,
        jumpcloud_user: 6,
        kandji_account: 1,
        kandji_app: 8,
        kandji_blueprint: 3,
        kandji_device: 3,
        kandji_profile: 3,
        kandji_user: 4,
        person: 7,
      },
      relationships: {
        hexnode_account_has_device: 4,
        hexnode_account_has_device_group: 1,
        hexnode_account_has_user: 5,
        hexnode_account_has_user_group: 2,
        hexnode_device_group_has_device: 4,
        hexnode_user_group_has_user: 4,
        hexnode_user_owns_device: 4,
        jumpcloud_account_has_administrator: 1,
        jumpcloud_account_has_apple_mdm: 1,
        jumpcloud_account_has_application: 1,
        jumpcloud_account_has_authn_policy: 3,
        jumpcloud_account_has_device: 2,
        jumpcloud_account_has_group: 2,
        jumpcloud_account_has_policy: 1,
        jumpcloud_account_has_user: 6,
        jumpcloud_group_assigned_application: 1,
        jumpcloud_group_has_group: 1,
        jumpcloud_group_has_user: 6,
        jumpcloud_policy_enforces_device: 2,
        jumpcloud_user_assigned_application: 6,
        jumpcloud_user_owns_device: 2,
        kandji_account_has_blueprint: 3,
        kandji_account_has_device: 3,
        kandji_account_has_user: 4,
        kandji_blueprint_has_device: 3,
        kandji_device_installed_app: 12,
        kandji_device_installed_profile: 8,
        kandji_user_owns_device: 3,
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
    expect(edges('hexnode_user_group_has_user')).toEqual([
      'hexnode:group:1|has|hexnode:user:2',
      'hexnode:group:1|has|hexnode:user:4',
      'hexnode:group:2|has|hexnode:user:3',
      'hexnode:group:2|has|hexnode:user:5',
    ]);
    expect(edges('hexnode_device_group_has_device')).toEqual([
      'hexnode:device_group:1|has|hexnode:device:1',
      'hexnode:device_group:1|has|hexnode:device:2',
      'hexnode:device_group:1|has|hexnode:device:3',
      'hexnode:device_group:1|has|hexnode:device:4',
    ]);
    expect(edges('hexnode_user_owns_device')).toEqual([
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
      name: expect.any(String),
      active: expect.any(Boolean),
      email: [expect.stringMatching(/@acme\.example$/)],
      username: [expect.any(String)],
      createdOn: expect.any(Number),
      // Vendor fields, camelCase: `password_expired` is `passwordExpired`.
      passwordExpired: expect.any(Boolean),
      department: expect.any(String),
    });
    const result = [...snapshot.relationships.values()].find((r) => r._class === 'ENFORCES');
    expect(result).toMatchObject({
      _type: 'jumpcloud_policy_enforces_device',
      success: expect.any(Boolean),
      state: expect.any(String),
    });
    const account = [...snapshot.entities.values()].find((e) => e._type === 'jumpcloud_account');
    expect(account?._class).toEqual(['Account', 'Organization']);
    expect(account?.['settings.passwordPolicy.minLength']).toEqual(expect.any(Number));
  });

  it('gives each user every application it can use, directly or through a group', () => {
    const assigned = [...snapshot.relationships.values()].filter(
      (r) => r._type === 'jumpcloud_user_assigned_application',
    );
    const group = [...snapshot.relationships.values()].find(
      (r) => r._type === 'jumpcloud_group_assigned_application',
    );
    const members = new Set(
      [...snapshot.relationships.values()]
        .filter((r) => r._fromEntityKey === group?._fromEntityKey && r._class === 'HAS')
        .map((r) => r._toEntityKey),
    );
    const viaGroup = assigned.filter((r) => r.direct === false);
    expect(viaGroup.length).toBeGreaterThan(0);
    for (const r of viaGroup) {
      expect(r.via).toEqual([group?._fromEntityKey]);
      expect(members.has(r._fromEntityKey)).toBe(true);
    }
    expect(assigned.filter((r) => r.direct === true).map((r) => r.via)).toEqual(
      assigned.filter((r) => r.direct === true).map(() => ['direct']),
    );
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
