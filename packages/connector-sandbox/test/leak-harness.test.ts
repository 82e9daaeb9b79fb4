import { describe, expect, it } from 'vitest';
import { createLeakHarness } from '../src/testing.js';

const SECRET = 'sk-CANARY-0123456789abcdef';
const EVIL = 'https://evil.test';

const harness = () =>
  createLeakHarness({ secrets: [SECRET], foreignOrigin: EVIL, foreignReply: { lure: true } });

describe('createLeakHarness', () => {
  it('records what reaches the foreign origin and answers it (so an empty record means something)', async () => {
    const h = harness();
    const response = await h.run(h.fetch(`${EVIL}/probe`, { headers: { authorization: 'x' } }));
    expect(await response.json()).toEqual({ lure: true });
    expect(h.foreign).toEqual([expect.objectContaining({ authorization: 'x' })]);
    expect(h.sent.map((r) => r.url.href)).toEqual([`${EVIL}/probe`]);
    expect(() => h.assertNoLeak({})).toThrow(/foreign origin/);
  });

  it('finds a secret in the error, the events, toJSON and util.inspect', () => {
    const piece = SECRET.slice(3, 15);
    expect(() => harness().assertNoLeak({}, new Error(`bad key ${piece}`))).toThrow(/error/);
    const withEvent = harness();
    withEvent.onEvent({ type: 'request', note: piece } as never);
    expect(() => withEvent.assertNoLeak({})).toThrow(/events/);
    expect(() => harness().assertNoLeak({ toJSON: () => ({ piece }) })).toThrow(/toJSON/);
    const hidden = {};
    Object.defineProperty(hidden, 'key', { value: SECRET, enumerable: false });
    expect(() => harness().assertNoLeak(hidden)).toThrow(/inspect/);
    expect(() => harness().assertNoLeak({ name: 'clean' }, new Error('clean'))).not.toThrow();
  });

  it('counts any 10-character run of a secret as a leak', () => {
    const h = harness();
    expect(h.leaks(`…${SECRET.slice(5, 16)}…`)).toBe(true);
    expect(h.leaks('nothing')).toBe(false);
  });
});
