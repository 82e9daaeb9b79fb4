import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChangeFeed } from '../change-feed.js';
import type { ChangeSet } from '../change-set.js';
import type { PollerEvent } from '../events.js';
import { reportCommitted, safeEmitter } from './report.js';

const fp = { email: 'a@example.com', name: undefined, status: 'active' as const, rawHash: 'h' };
const account = {
  vendor: 'fake',
  connection: 'acme',
  id: 'u2',
  email: 'b@example.com',
  name: undefined,
  status: 'active' as const,
  createdAt: undefined,
  raw: {},
};

describe('reportCommitted', () => {
  it('publishes to the feed first, then baseline, each change and run-completed', async () => {
    const feed = createChangeFeed();
    const reader = feed.subscribe();
    const order: string[] = [];
    const set: ChangeSet = {
      kind: 'delta',
      connection: 'acme',
      vendor: 'fake',
      run: 3,
      startedAt: new Date(0),
      finishedAt: new Date(1),
      total: 1,
      previousTotal: 1,
      skipped: 0,
      added: [{ id: 'u2', account }],
      changed: [],
      removed: [{ id: 'u1', previous: fp }],
    };
    reportCommitted(set, false, feed, (e: PollerEvent) => order.push(e.type));
    expect(order).toEqual(['added', 'removed', 'run-completed']);
    expect((await reader.next()).value).toBe(set);
    order.length = 0;
    reportCommitted({ ...set, kind: 'baseline', added: [], removed: [] }, true, feed, (e) =>
      order.push(e.type),
    );
    expect(order).toEqual(['baseline', 'run-completed']);
  });
});

describe('safeEmitter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('re-throws a listener exception asynchronously, never to the caller', async () => {
    const thrown = new Error('listener bug');
    const emit = safeEmitter(() => {
      throw thrown;
    });
    const caught = new Promise<unknown>((resolve) => {
      const spy = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => {
        spy.mockRestore();
        try {
          task();
        } catch (error) {
          resolve(error);
        }
      });
    });
    expect(() => emit({ type: 'stopped', connection: 'acme', reason: 'stopped' })).not.toThrow();
    expect(await caught).toBe(thrown);
    expect(() =>
      safeEmitter(undefined)({ type: 'stopped', connection: 'acme', reason: 'stopped' }),
    ).not.toThrow();
  });
});
