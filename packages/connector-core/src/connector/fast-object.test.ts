import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fastObject } from './fast-object.js';

const Id = v.pipe(v.number(), v.integer(), v.minValue(0));
const Text = v.optional(v.nullable(v.string()), null);
const Blank = v.pipe(
  Text,
  v.transform((s) => (s === null || s.trim() === '' ? null : s)),
);

const entries = {
  id: Id,
  name: Text,
  email: v.optional(v.nullable(v.string())),
  phone: Blank,
  state: v.optional(v.union([v.picklist(['A', 'B']), v.string()])),
  active: v.nullish(v.boolean()),
  count: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))), null),
  score: v.nullish(v.pipe(v.number(), v.maxValue(10))),
  mfa: v.nullish(v.object({ configured: v.nullish(v.boolean()) })),
  created: v.optional(v.string(), '1970-01-01'),
  tags: v.optional(v.array(v.string())),
  flag: v.optional(
    v.pipe(
      v.union([v.boolean(), v.picklist([0, 1])]),
      v.transform((x) => x === true || x === 1),
    ),
  ),
  seen: v.optional(
    v.pipe(
      v.nullable(v.string()),
      v.transform((t) => (t === null || t.trim() === '' ? null : new Date(t))),
      v.check((d) => d === null || !Number.isNaN(d.getTime()), 'date'),
    ),
    null,
  ),
};
const slow = v.object(entries);
const generated = fastObject(v.object(entries));
const looped = fastObject(v.object(entries), { generate: false });

const valid = { id: 7, name: 'Ada', email: 'a@x', phone: ' ', state: 'A', active: true, count: 3 };
const cases: unknown[] = [
  valid,
  { id: 0 },
  { id: 1, extra: 'dropped', name: null, email: null, state: 'LATER', active: null },
  { id: 2, phone: '555', mfa: { configured: false, other: 1 }, tags: ['a'], score: 10 },
  { id: 3, name: undefined, count: undefined, created: undefined, mfa: null },
  { ...valid, id: -1 },
  { ...valid, id: 1.5 },
  { ...valid, id: Number.NaN },
  { ...valid, id: '7' },
  { name: 'no id' },
  { ...valid, name: 3 },
  { ...valid, state: 4 },
  { ...valid, active: 'yes' },
  { ...valid, count: -2 },
  { ...valid, score: 11 },
  { ...valid, mfa: { configured: 'no' } },
  { ...valid, tags: [1] },
  { ...valid, created: 5 },
  { ...valid, flag: 1, seen: '2024-09-06T21:00:04Z' },
  { ...valid, flag: false, seen: ' ' },
  { ...valid, flag: 2 },
  { ...valid, seen: 'not a date' },
  { ...valid, seen: 7 },
  [],
  null,
  'text',
  42,
];

const brief = (i: v.BaseIssue<unknown>) => ({
  message: i.message,
  path: i.path?.map((p) => p.key),
  expected: i.expected,
  received: i.received,
});

describe.each([
  ['generated', generated],
  ['looped', looped],
])('fastObject, %s checks', (_, fast) => {
  it.each(cases.map((c) => [JSON.stringify(c), c]))(
    'gives what v.object gives for %s',
    (_, input) => {
      const a = v.safeParse(slow, input);
      const b = v.safeParse(fast, input);
      expect(b.success).toBe(a.success);
      if (a.success && b.success) {
        expect(b.output).toStrictEqual(a.output);
        expect(Object.keys(b.output)).toEqual(Object.keys(a.output));
      } else {
        expect(b.issues?.map(brief)).toEqual(a.issues?.map(brief));
      }
    },
  );

  it('gives the same as v.object inside an array and through ~standard', async () => {
    const list = [valid, { id: 2 }, { ...valid, id: -3 }];
    expect(v.safeParse(v.array(fast), list).success).toBe(false);
    expect(v.safeParse(v.array(fast), list.slice(0, 2))).toEqual(
      v.safeParse(v.array(slow), list.slice(0, 2)),
    );
    const ok = await fast['~standard'].validate(valid);
    expect(ok).toEqual(await slow['~standard'].validate(valid));
    const bad = await fast['~standard'].validate({ id: 'x' });
    expect('issues' in bad && bad.issues?.length).toBe(1);
  });

  it('keeps the schema readable as an object schema (entries, type, pick)', () => {
    expect(fast.type).toBe('object');
    expect(Object.keys(fast.entries)).toEqual(Object.keys(entries));
    const picked = v.pick(fast, ['id', 'name']);
    expect(v.parse(picked, { id: 1, name: 'x', email: 'e' })).toEqual({ id: 1, name: 'x' });
  });
});
