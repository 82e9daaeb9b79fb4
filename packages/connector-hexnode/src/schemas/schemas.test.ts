import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { HexnodeDevice, HexnodeDevicePage } from './device.js';
import { HexnodeDeviceGroupDetail, HexnodeDeviceGroupPage } from './device-group.js';
import { HexnodeUser, HexnodeUserPage } from './user.js';
import { HexnodeUserGroupDetail, HexnodeUserGroupPage } from './user-group.js';

describe('HexnodeUser', () => {
  it('parses a user as Hexnode sends it, phoneno "" becoming null', () => {
    const user = v.parse(HexnodeUser, {
      id: 2,
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      phoneno: '',
      domain: 'local',
      total_devices: 0,
    });
    expect(user).toEqual({
      id: 2,
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      phoneno: null,
      domain: 'local',
      total_devices: 0,
    });
  });

  it('keeps the Default User with its null email and phone', () => {
    const user = v.parse(HexnodeUser, {
      id: 1,
      name: 'Default User',
      email: null,
      phoneno: null,
    });
    expect(user).toMatchObject({ id: 1, email: null, phoneno: null, domain: null });
  });

  it('keeps a real phone number', () => {
    expect(v.parse(HexnodeUser, { id: 3, email: 'a@b.c', phoneno: '+1 555' }).phoneno).toBe(
      '+1 555',
    );
  });

  it('rejects a string or fractional id', () => {
    expect(v.safeParse(HexnodeUser, { id: '2', email: null }).success).toBe(false);
    expect(v.safeParse(HexnodeUser, { id: 2.5, email: null }).success).toBe(false);
  });

  it('rejects a non-string email', () => {
    expect(v.safeParse(HexnodeUser, { id: 2, email: 42 }).success).toBe(false);
  });

  it('drops fields it does not know', () => {
    expect(v.parse(HexnodeUser, { id: 2, email: null, secret_token: 'x' })).not.toHaveProperty(
      'secret_token',
    );
  });
});

describe('page envelope', () => {
  it('parses { count, next, previous, results }', () => {
    const page = v.parse(HexnodeUserPage, {
      count: 3,
      next: 'https://acme.hexnodemdm.com/api/v1/users/?page=2&per_page=2',
      previous: null,
      results: [
        { id: 1, name: 'Default User', email: null, phoneno: null },
        { id: 2, name: 'B', email: 'b@x.io', phoneno: '' },
      ],
    });
    expect(page.count).toBe(3);
    expect(page.results).toHaveLength(2);
    expect(page.next).toContain('page=2');
  });

  it('requires an integer count and a results array', () => {
    expect(v.safeParse(HexnodeUserPage, { count: '3', results: [] }).success).toBe(false);
    expect(v.safeParse(HexnodeUserPage, { count: 3, results: null }).success).toBe(false);
    expect(v.safeParse(HexnodeUserPage, { count: -1, results: [] }).success).toBe(false);
  });

  it('treats a missing next/previous as null', () => {
    expect(v.parse(HexnodeDeviceGroupPage, { count: 0, results: [] })).toEqual({
      count: 0,
      next: null,
      previous: null,
      results: [],
    });
  });
});

describe('HexnodeUserGroup', () => {
  it('parses a list page', () => {
    const page = v.parse(HexnodeUserGroupPage, {
      count: 1,
      next: null,
      previous: null,
      results: [
        {
          id: 7,
          groupname: 'Sales',
          description: '',
          users_count: 2,
          modified_date: '2024-01-02T03:04:05Z',
        },
      ],
    });
    expect(page.results[0]).toMatchObject({ id: 7, groupname: 'Sales', users_count: 2 });
  });

  it('parses a detail with members', () => {
    const group = v.parse(HexnodeUserGroupDetail, {
      id: 7,
      groupname: 'Sales',
      description: 'EMEA',
      users: [
        { id: 2, name: 'B', email: 'b@x.io', phoneno: '' },
        { id: 1, name: 'Default User', email: null, phoneno: null },
      ],
    });
    expect(group.users.map((u) => u.id)).toEqual([2, 1]);
    expect(group.users[0]?.phoneno).toBeNull();
  });

  it('reports a member with a bad id', () => {
    const result = v.safeParse(HexnodeUserGroupDetail, {
      id: 7,
      groupname: 'Sales',
      users: [{ id: 'x' }],
    });
    expect(result.success).toBe(false);
  });
});

describe('HexnodeDevice', () => {
  const device = {
    id: 11,
    device_name: "Ada's iPhone",
    model_name: 'iPhone 15',
    platform: 'ios',
    os_name: 'iOS',
    os_version: '17.4',
    enrollment_status: 'enrolled',
    udid: '00008110-000A',
    serial_number: 'F2LX',
    imei: '35 000000 000000 0',
    compliant: true,
    enrolled_time: '2024-01-01T00:00:00Z',
    last_reported: '2024-02-01T00:00:00Z',
    user: { id: 2, name: 'Ada' },
  };

  it('parses a device with its embedded user', () => {
    expect(v.parse(HexnodeDevice, device)).toEqual({ ...device, platformSource: 'platform' });
  });

  it('falls back to os_name when the list sends no platform, and says so', () => {
    const { platform: _none, ...listed } = device;
    expect(v.parse(HexnodeDevice, listed)).toMatchObject({
      platform: 'iOS',
      os_name: 'iOS',
      platformSource: 'os_name',
    });
    const { os_name: _neither, ...bare } = listed;
    expect(v.parse(HexnodeDevice, bare)).toMatchObject({ platform: null, platformSource: null });
  });

  it('accepts an unassigned device and a 0/1 compliance flag', () => {
    const parsed = v.parse(HexnodeDevice, { ...device, user: null, compliant: 0 });
    expect(parsed.user).toBeNull();
    expect(parsed.compliant).toBe(false);
  });

  it('parses a device page', () => {
    const page = v.parse(HexnodeDevicePage, {
      count: 1,
      next: null,
      previous: null,
      results: [device],
    });
    expect(page.results[0]?.user?.id).toBe(2);
  });
});

describe('HexnodeDeviceGroupDetail', () => {
  it('parses a detail as Hexnode sends it, members with their platform key', () => {
    // A real response recorded by a public integration.
    const group = v.parse(HexnodeDeviceGroupDetail, {
      id: 2,
      groupname: 'All Android Devices',
      description: 'A dynamic group of all Android devices enrolled.',
      devices: [
        {
          id: 1,
          name: 'OnePlusONEPLUS A5000',
          user_id: 1,
          user_name: 'Default User',
          model_name: 'ONEPLUS A5000',
          platform: 'android',
        },
      ],
      policy: [],
      location_history: [],
    });
    expect(group).toMatchObject({ id: 2, grouptype: null, device_count: null });
    expect(group.devices).toEqual([
      {
        id: 1,
        name: 'OnePlusONEPLUS A5000',
        user_id: 1,
        user_name: 'Default User',
        model_name: 'ONEPLUS A5000',
        platform: 'android',
      },
    ]);
    expect(group).not.toHaveProperty('policy');
  });

  it('reads an empty group, and rejects a member without an integer id', () => {
    expect(v.parse(HexnodeDeviceGroupDetail, { id: 1, devices: [] }).devices).toEqual([]);
    expect(v.safeParse(HexnodeDeviceGroupDetail, { id: 1, devices: [{ id: 'x' }] }).success).toBe(
      false,
    );
  });
});
