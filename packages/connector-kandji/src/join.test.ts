import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toKandjiAccount } from './accounts.js';
import { createKandjiUserIndex, prismUserRef } from './join.js';
import { KandjiDevice } from './schemas/device.js';
import { KandjiUser } from './schemas/user.js';

const user = (n: number, over: Record<string, unknown> = {}) =>
  v.parse(KandjiUser, {
    id: `69c009ca-1f78-4bdf-bb93-08d6d39041${String(n).padStart(2, '0')}`,
    email: `user${n}@acme.io`,
    name: `User ${n}`,
    active: true,
    archived: false,
    deprecated_user_id: String(29_000 + n),
    department: 'Sales',
    job_title: ' Account Executive ',
    ...over,
  });
const deviceUser = (id: unknown, email: string | null) =>
  v.parse(KandjiDevice, { device_id: 'd', user: { id, email, name: 'x', is_archived: false } })
    .user;

describe('createKandjiUserIndex', () => {
  const users = [user(1), user(2), user(3, { email: 'USER1@acme.io ' }), user(4)];
  const index = createKandjiUserIndex(users);

  it('joins a device user named by its legacy id by email, case and spaces ignored', () => {
    const found = index.find(deviceUser(1, ' User2@ACME.io'));
    expect(found).toEqual({ user: users[1], by: 'email' });
    // The naive join matches nothing: the legacy id is not the UUID.
    expect(users.some((u) => u.id === deviceUser(1, null)?.legacyId)).toBe(false);
  });

  it('falls back to the legacy id (deprecated_user_id) when there is no usable email', () => {
    expect(index.find(deviceUser(29_004, null))).toEqual({ user: users[3], by: 'legacyId' });
    expect(index.find(deviceUser(29_004, 'nobody@acme.io'))?.by).toBe('legacyId');
  });

  it('never matches an email two users share, and takes a UUID first', () => {
    expect(index.find(deviceUser(1, 'user1@acme.io'))).toBeUndefined();
    expect(index.find(deviceUser(users[0]?.id, 'user2@acme.io'))).toEqual({
      user: users[0],
      by: 'uuid',
    });
  });

  it('resolves Prism rows and nothing for an unassigned device', () => {
    expect(
      index.find(prismUserRef({ device__user_id: '29002', device__user_email: null }))?.user,
    ).toBe(users[1]);
    expect(index.find(null)).toBeUndefined();
    expect(index.find(prismUserRef({ device__user_id: null, device__user_email: null }))).toBe(
      undefined,
    );
  });
});

describe('toKandjiAccount', () => {
  it('fills department and title from the directory, and nothing Kandji does not know', () => {
    const account = toKandjiAccount(user(1), 'kandji');
    expect(account).toMatchObject({ department: 'Sales', title: 'Account Executive' });
    for (const field of ['lastLoginAt', 'mfa', 'isAdmin', 'externalId'])
      expect(account).not.toHaveProperty(field);
    const blank = toKandjiAccount(user(2, { department: ' ', job_title: null }), 'kandji');
    expect(blank).toMatchObject({ department: undefined, title: undefined });
  });
});
