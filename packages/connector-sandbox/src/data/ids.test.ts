import { describe, expect, it } from 'vitest';
import { objectId, objectIdIndex, uuid, uuidIndex } from './ids.js';
import { person } from './people.js';

describe('derived ids', () => {
  it('ObjectIds grow with the index and decode back to it', () => {
    const ids = [0, 1, 2, 999_999].map((i) => objectId(7, 1, i));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map((id) => objectIdIndex(7, 1, id))).toEqual([0, 1, 2, 999_999]);
    expect(objectIdIndex(8, 1, ids[1] as string)).toBeUndefined();
  });

  it('UUIDs are v4-shaped and decode back to their index', () => {
    const id = uuid(3, 1, 123_456);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidIndex(3, 1, id)).toBe(123_456);
    expect(uuidIndex(3, 1, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('emails are unique across many indices', () => {
    const emails = new Set(
      Array.from({ length: 50_000 }, (_, i) => person(5, i, 'x.example').email),
    );
    expect(emails.size).toBe(50_000);
  });
});
