import { describe, expect, it } from 'vitest';
import type { SaasAccount } from '../model/saas-account.js';
import { changedFields, fingerprintAccount } from './fingerprint.js';
import { stableHash, stableStringify } from './stable-hash.js';

const account = (over: Partial<SaasAccount> = {}): SaasAccount => ({
  vendor: 'kandji',
  connection: 'acme',
  id: 'a1',
  email: 'ann@example.com',
  name: 'Ann',
  status: 'active',
  createdAt: undefined,
  raw: { id: 'a1', email: 'ann@example.com', profile: { b: 1, a: [1, 2] } },
  ...over,
});

describe('stableStringify / stableHash', () => {
  it('does not depend on key order, at any depth', () => {
    expect(stableStringify({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(stableHash({ b: 1, a: { d: 1, c: 2 } })).toBe(stableHash({ a: { c: 2, d: 1 }, b: 1 }));
    expect(stableHash([1, 2])).not.toBe(stableHash([2, 1]));
  });

  it('handles dates, bigints, undefined members, maps and sets', () => {
    expect(
      stableStringify({
        d: new Date(0),
        n: 10n,
        u: undefined,
        m: new Map([['k', 1]]),
        s: new Set([1]),
      }),
    ).toBe('{"d":"1970-01-01T00:00:00.000Z","m":{"k":1},"n":"10n","s":[1]}');
    expect(stableHash(undefined)).toMatch(/^[\w-]{16}$/);
  });
});

describe('fingerprintAccount / changedFields', () => {
  it('keeps email, name, status and a 16-character hash of raw; never raw itself', () => {
    const fp = fingerprintAccount(account());
    expect(fp).toEqual({
      email: 'ann@example.com',
      name: 'Ann',
      status: 'active',
      rawHash: expect.stringMatching(/^[\w-]{16}$/),
    });
    expect(JSON.stringify(fp)).not.toContain('profile');
  });

  it('names each projected field that changed; raw only when nothing projected did', () => {
    const before = fingerprintAccount(account());
    const same = fingerprintAccount(
      account({ raw: { profile: { a: [1, 2], b: 1 }, email: 'ann@example.com', id: 'a1' } }),
    );
    expect(changedFields(before, same)).toEqual([]);
    const renamed = fingerprintAccount(
      account({
        email: 'a@example.com',
        name: undefined,
        raw: { id: 'a1', email: 'a@example.com' },
      }),
    );
    expect(changedFields(before, renamed)).toEqual(['email', 'name']);
    expect(changedFields(before, fingerprintAccount(account({ status: 'archived' })))).toEqual([
      'status',
    ]);
    expect(changedFields(before, fingerprintAccount(account({ raw: { id: 'a1', x: 1 } })))).toEqual(
      ['raw'],
    );
  });

  it('lets selectRaw decide which vendor fields count', () => {
    const ignoreLogin = (raw: unknown) => ({ ...(raw as object), lastLogin: undefined });
    const a = fingerprintAccount(account({ raw: { id: 'a1', lastLogin: 1 } }), ignoreLogin);
    const b = fingerprintAccount(account({ raw: { id: 'a1', lastLogin: 2 } }), ignoreLogin);
    expect(changedFields(a, b)).toEqual([]);
  });
});
