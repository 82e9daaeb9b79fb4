import { afterEach, describe, expect, it } from 'vitest';
import { AbortError } from '../errors/errors.js';
import { raceAbort } from './abort.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  unhandled.length = 0;
});

/** Lets Node report the rejections nobody handled (it does once the microtasks have run). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('raceAbort', () => {
  it('rejects at once on a signal already aborted, and the promise it gave up failing later is no unhandled rejection', async () => {
    process.on('unhandledRejection', onUnhandled);
    let fail: (error: Error) => void = () => undefined;
    const pending = new Promise<never>((_, reject) => {
      fail = reject;
    });
    await expect(raceAbort(pending, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
    fail(new AbortError()); // as a page request started after the stop fails with it
    await nextTurn();
    await nextTurn();
    expect(unhandled).toEqual([]);
  });

  it('settles with the promise while the signal holds, and rejects as soon as it aborts', async () => {
    expect(await raceAbort(Promise.resolve(1), new AbortController().signal)).toBe(1);
    const controller = new AbortController();
    const raced = raceAbort(new Promise<never>(() => undefined), controller.signal);
    controller.abort();
    await expect(raced).rejects.toBeInstanceOf(AbortError);
  });
});
