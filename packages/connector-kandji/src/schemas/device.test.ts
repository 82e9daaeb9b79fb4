import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { KandjiDevice, KandjiDevicePage } from './device.js';

// The documented list example (unassigned device) and detail example (assigned device).
const unassigned = {
  agent_installed: true,
  agent_version: '',
  asset_tag: '',
  blueprint_id: 'dccade80-bddd-43ac-a9b7-e322b17cd7d9',
  blueprint_name: '_testing_ipados',
  device_id: '4820db3b-dec7-40b2-9c8f-eb771ac1a250',
  device_name: 'iPad',
  first_enrollment: '2022-12-13 19:14:20.455640+00:00',
  is_missing: true,
  is_removed: false,
  last_check_in: '2023-01-18T21:46:26.879113Z',
  last_enrollment: '2022-12-13 19:14:20.455640+00:00',
  lost_mode_status: '',
  mdm_enabled: true,
  model: 'iPad (8th generation) (Wi-Fi)',
  os_version: '16.1.1',
  platform: 'iPad',
  serial_number: 'GG7FF8QSQ1GH',
  supplemental_build_version: '22F66',
  supplemental_os_version_extra: '',
  tags: [],
  user: '',
};
const assignedUser = {
  email: 'accuhive.admin@kandji.io',
  id: '5344c996-8823-4b37-8d6e-8515fc7c3a0a',
  is_archived: false,
  name: 'acchuhive admin',
};

describe('KandjiDevicePage', () => {
  it('parses a bare array', () => {
    const page = v.parse(KandjiDevicePage, [unassigned, { ...unassigned, user: assignedUser }]);
    expect(page).toHaveLength(2);
    expect(page[0]?.user).toBeNull();
    const { id, ...rest } = assignedUser;
    expect(page[1]?.user).toEqual({ ...rest, uuid: id, legacyId: null });
  });

  it('rejects an object where the array belongs', () => {
    expect(v.safeParse(KandjiDevicePage, { results: [unassigned] }).success).toBe(false);
  });
});

describe('KandjiDevice', () => {
  it('parses space-separated and ISO dates', () => {
    const device = v.parse(KandjiDevice, unassigned);
    expect(device.first_enrollment).toEqual(new Date('2022-12-13T19:14:20.455Z'));
    expect(device.last_check_in).toEqual(new Date('2023-01-18T21:46:26.879Z'));
  });

  it('turns "" dates (never checked in) into null', () => {
    expect(v.parse(KandjiDevice, { ...unassigned, last_check_in: '' }).last_check_in).toBeNull();
  });

  it('accepts 0/1 booleans and a numeric (legacy) user id', () => {
    const device = v.parse(KandjiDevice, {
      ...unassigned,
      mdm_enabled: 0,
      is_missing: 1,
      user: { ...assignedUser, id: 7, is_archived: 1 },
    });
    expect(device.mdm_enabled).toBe(false);
    expect(device.is_missing).toBe(true);
    expect(device.user).toMatchObject({ legacyId: '7', uuid: null, is_archived: true });
    expect(device.user).not.toHaveProperty('id');
  });

  it('accepts a legacy id sent as digits and rejects an id that is neither', () => {
    const user = (id: unknown) => ({ ...unassigned, user: { ...assignedUser, id } });
    expect(v.parse(KandjiDevice, user(' 31250 ')).user?.legacyId).toBe('31250');
    expect(v.safeParse(KandjiDevice, user('someone')).success).toBe(false);
    expect(v.safeParse(KandjiDevice, user(1.5)).success).toBe(false);
  });

  it('rejects a user that is neither "" nor an object', () => {
    expect(v.safeParse(KandjiDevice, { ...unassigned, user: 'someone' }).success).toBe(false);
  });

  it('fills every missing field with null (or [] for tags)', () => {
    const device = v.parse(KandjiDevice, { device_id: 'd-1' });
    expect(device.device_id).toBe('d-1');
    expect(device.tags).toEqual([]);
    const { device_id: _id, tags: _tags, ...rest } = device;
    expect(Object.keys(rest)).toHaveLength(Object.keys(unassigned).length - 2);
    for (const value of Object.values(rest)) expect(value).toBeNull();
  });
});
