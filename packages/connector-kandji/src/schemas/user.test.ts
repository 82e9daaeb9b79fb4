import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { KandjiUser, KandjiUserPage } from './user.js';

// The documented example of GET /api/v1/users (Kandji's Postman collection).
const documentedPage = {
  next: 'https://accuhive.kandji.io/api/v1/users?cursor=cD0yOTE0Mw%3D%3D',
  previous: null,
  results: [
    {
      active: true,
      archived: false,
      created_at: '2024-09-06T21:00:04.304248Z',
      department: null,
      deprecated_user_id: '29360',
      device_count: 2,
      email: 'test_user_01@accuhive.io',
      id: '69c009ca-1f78-4bdf-bb93-08d6d39041db',
      integration: {
        id: 634,
        name: 'accuhive',
        type: 'office365',
        uuid: 'f7461096-4ef9-43aa-88e9-ca1967ba0b38',
      },
      job_title: null,
      name: 'test_user_01',
      updated_at: '2024-09-06T21:00:04.304280Z',
    },
  ],
};

describe('KandjiUserPage', () => {
  it('parses the documented example', () => {
    const page = v.parse(KandjiUserPage, documentedPage);
    expect(page.next).toBe(documentedPage.next);
    expect(page.previous).toBeNull();
    const [user] = page.results;
    expect(user).toMatchObject({
      id: '69c009ca-1f78-4bdf-bb93-08d6d39041db',
      email: 'test_user_01@accuhive.io',
      active: true,
      archived: false,
      device_count: 2,
      deprecated_user_id: '29360',
      integration: { id: '634', type: 'office365', uuid: 'f7461096-4ef9-43aa-88e9-ca1967ba0b38' },
    });
    expect(user?.created_at).toEqual(new Date('2024-09-06T21:00:04.304Z'));
  });

  it('accepts an empty list (a tenant without a directory integration)', () => {
    expect(v.parse(KandjiUserPage, { next: null, previous: null, results: [] }).results).toEqual(
      [],
    );
  });

  it('rejects a page without results', () => {
    expect(v.safeParse(KandjiUserPage, { next: null, previous: null }).success).toBe(false);
  });
});

describe('KandjiUser', () => {
  const base = documentedPage.results[0];

  it.each([
    [1, 0, true, false],
    [0, 1, false, true],
    [true, true, true, true],
  ])('accepts active=%s archived=%s as booleans', (active, archived, wantActive, wantArchived) => {
    const user = v.parse(KandjiUser, { ...base, active, archived });
    expect(user.active).toBe(wantActive);
    expect(user.archived).toBe(wantArchived);
  });

  it.each([2, 'true', null])('rejects archived=%s', (archived) => {
    expect(v.safeParse(KandjiUser, { ...base, archived }).success).toBe(false);
  });

  it('fills missing optional fields with null (a missing email stays missing: drift) and accepts a numeric legacy id', () => {
    const user = v.parse(KandjiUser, {
      id: 'u-1',
      active: 1,
      archived: 0,
      deprecated_user_id: 42,
    });
    expect(user.email).toBeUndefined();
    expect(user).toEqual({
      id: 'u-1',
      name: null,
      active: true,
      archived: false,
      created_at: null,
      updated_at: null,
      department: null,
      job_title: null,
      device_count: null,
      deprecated_user_id: '42',
      integration: null,
    });
  });

  it('rejects a date that is not a date', () => {
    expect(v.safeParse(KandjiUser, { ...base, created_at: 'yesterday' }).success).toBe(false);
  });
});
