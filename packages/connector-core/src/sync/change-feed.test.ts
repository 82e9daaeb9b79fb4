import { describe, expect, it } from 'vitest';
import { ChangeFeedOverflowError } from '../errors/errors.js';
import { createChangeFeed } from './change-feed.js';
import type { ChangeSet } from './change-set.js';

const set = (run: number): ChangeSet => ({
  kind: 'delta',
  connection: 'acme',
  vendor: 'fake',
  run,
  startedAt: new Date(0),
  finishedAt: new Date(0),
  total: 0,
  previousTotal: 0,
  skipped: 0,
  added: [],
  changed: [],
  removed: [],
});

/** Lets every settled promise's callbacks run. */
const flush = () => new Promise<void>((r) => setImmediate(r));

describe('createChangeFeed', () => {
  it('cuts off an iterator that falls more than its buffer behind: it yields what it holds, then throws', async () => {
    const feed = createChangeFeed(3);
    const idle = feed.subscribe(); // created and never read while runs complete
    const reader = feed.subscribe();
    const read: number[] = [];
    for (let run = 1; run <= 10; run++) {
      feed.publish(set(run));
      read.push(((await reader.next()).value as ChangeSet).run);
    }
    expect(read).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // a reader keeping up loses nothing

    const got: number[] = [];
    const error = await (async () => {
      for await (const s of idle) got.push(s.run);
    })().catch((e: unknown) => e);
    expect(got).toEqual([1, 2, 3]);
    expect(error).toBeInstanceOf(ChangeFeedOverflowError);
    expect(error).toMatchObject({ code: 'change_feed_overflow', maxBuffered: 3 });
    expect((error as Error).message).toMatch(/from run 4 on were not delivered/);
    expect(await idle.next()).toEqual({ value: undefined, done: true });
  });

  it('answers concurrent next() calls each with its own change set, in call order', async () => {
    const feed = createChangeFeed();
    const it = feed.subscribe();
    const first = it.next();
    const second = it.next();
    const third = it.next();
    const settled: number[] = [];
    for (const [i, p] of [first, second, third].entries()) void p.then(() => settled.push(i));
    feed.publish(set(1));
    feed.publish(set(2));
    await flush();
    expect(settled).toEqual([0, 1]);
    expect((await first).value?.run).toBe(1);
    expect((await second).value?.run).toBe(2);
    feed.end();
    expect(await third).toEqual({ value: undefined, done: true });
  });

  it('ends waiting readers: the first gets the error, the others are done', async () => {
    const feed = createChangeFeed();
    const it = feed.subscribe();
    const a = it.next();
    const b = it.next();
    const failure = new Error('needs a person');
    feed.end(failure);
    await expect(a).rejects.toBe(failure);
    expect(await b).toEqual({ value: undefined, done: true });
    // Subscribing after the end sees the error once too.
    await expect(feed.subscribe().next()).rejects.toBe(failure);
  });

  it('return() ends an iterator and releases a waiting reader', async () => {
    const feed = createChangeFeed();
    const it = feed.subscribe();
    const waiting = it.next();
    await it.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
    feed.publish(set(1));
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });
});
