import { describe, expect, it } from 'vitest';
import {
  deviceProperties,
  osTypeOf,
  relationshipType,
  timestampOf,
  userProperties,
} from './jupiterone.js';
import { camelCase, vendorFields } from './vendor-fields.js';

describe("JupiterOne's conventions", () => {
  it('drops the parts a relationship target shares with its source from the _type', () => {
    expect(relationshipType('HAS', 'jumpcloud_group', 'jumpcloud_user')).toBe(
      'jumpcloud_group_has_user',
    );
    expect(relationshipType('HAS', 'jumpcloud_apple_device', 'jumpcloud_apple_mdm')).toBe(
      'jumpcloud_apple_device_has_mdm',
    );
    expect(relationshipType('IS', 'person', 'kandji_user')).toBe('person_is_kandji_user');
    // The last part always stays, even when the types are equal.
    expect(relationshipType('HAS', 'jumpcloud_group', 'jumpcloud_group')).toBe(
      'jumpcloud_group_has_group',
    );
  });

  it('stores times as epoch milliseconds', () => {
    expect(timestampOf('2026-01-01T06:00:00.000Z')).toBe(Date.UTC(2026, 0, 1, 6));
    expect(timestampOf('2022-12-13 19:14:20.455640+00:00')).toBe(
      Date.parse('2022-12-13T19:14:20.455Z'),
    );
    expect(timestampOf(new Date(5))).toBe(5);
    expect(timestampOf('12/10/2025')).toBeNull();
    expect(timestampOf('')).toBeNull();
  });

  it("maps vendors' platforms to the data model's osType", () => {
    expect(['Mac', 'Mac OS X', 'macOS', 'iPhone', 'iPad', 'AppleTV', 'iOS'].map(osTypeOf)).toEqual([
      'darwin',
      'darwin',
      'darwin',
      'ios',
      'ios',
      'ios',
      'ios',
    ]);
    expect(['Windows', 'Android', 'Ubuntu', 'Plan 9', '', null].map(osTypeOf)).toEqual([
      'windows',
      'android',
      'linux',
      'other',
      null,
      null,
    ]);
  });

  it('gives a User and a Device the properties their classes require', () => {
    expect(
      userProperties({ email: 'Ada@Acme.com', firstName: 'Ada', lastName: null, active: true }),
    ).toEqual({
      email: ['ada@acme.com'],
      username: ['ada@acme.com'],
      shortLoginId: ['ada'],
      firstName: 'Ada',
      lastName: null,
      active: true,
    });
    expect(
      deviceProperties({
        category: 'endpoint',
        make: 'Apple',
        model: 'MacBook Air',
        serial: 'C02',
        udid: null,
        lastSeen: '2026-01-01T00:00:00Z',
        platform: 'Mac OS X',
        osVersion: '15.6',
        hostname: 'julia-mbp.local',
      }),
    ).toMatchObject({
      osType: 'darwin',
      platform: 'darwin',
      osName: 'Mac OS X',
      lastSeenOn: Date.UTC(2026, 0, 1),
      deviceId: null,
      hostname: 'julia-mbp',
      fqdn: ['julia-mbp.local'],
      ipv4Addresses: null,
    });
  });

  it('keeps vendor fields under camelCase names, times in milliseconds, without nulls', () => {
    expect(camelCase('password_expired')).toBe('passwordExpired');
    expect(camelCase('device__name')).toBe('deviceName');
    expect(camelCase('_id')).toBe('id');
    expect(
      vendorFields({
        _id: 'x',
        password_expired: true,
        mfa: { exclusion_until: '2026-02-01T00:00:00Z', configured: null },
        created: new Date(7),
        empty: '',
        bad$name: 1,
        tags: ['a'],
        rows: [{ a: 1 }],
      }),
    ).toEqual({
      id: 'x',
      passwordExpired: true,
      'mfa.exclusionUntil': Date.UTC(2026, 1, 1),
      created: 7,
      tags: ['a'],
    });
  });
});
