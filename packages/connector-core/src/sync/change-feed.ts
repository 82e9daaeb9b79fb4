import { ChangeFeedOverflowError } from '../errors/errors.js';
import type { ChangeSet } from './change-set.js';

/** Fans change sets out to any number of async iterators, each with its own bounded queue. */
export interface ChangeFeed {
  publish(set: ChangeSet): void;
  /** Ends every iterator: done, or rejecting with `error` once its queue is drained. */
  end(error?: unknown): void;
  subscribe(): AsyncIterableIterator<ChangeSet>;
}

interface Reader {
  resolve(result: IteratorResult<ChangeSet>): void;
  reject(error: unknown): void;
}

interface Subscriber {
  /** Change sets published but not yet read; never longer than the feed's `maxBuffered`. */
  queue: ChangeSet[];
  /** `next()` calls waiting for a change set, served in call order. */
  readers: Reader[];
  /** Set once the iterator can receive nothing more: done, or the error to throw once. */
  end: { error?: unknown } | undefined;
}

const DONE: IteratorResult<ChangeSet> = { value: undefined, done: true };

/**
 * Creates a change feed whose iterators each buffer at most `maxBuffered` unread change sets.
 *
 * Overflow policy: an iterator that falls further behind is cut off rather than left to grow or
 * silently lose a set. It still yields the `maxBuffered` sets it holds, then throws
 * {@link ChangeFeedOverflowError} once and is done; the feed no longer writes to it. Its reader
 * has missed changes and should resynchronise (a new baseline, or the host's own records).
 *
 * Concurrent `next()` calls are each answered, in call order, by a distinct change set (or by the
 * end): none waits for a wake-up another call consumed.
 */
export function createChangeFeed(maxBuffered = 16): ChangeFeed {
  const subscribers = new Set<Subscriber>();
  let ended: { error?: unknown } | undefined;

  /** Answers waiting readers once the subscriber has ended: the error to the first, done to the rest. */
  function settleReaders(sub: Subscriber): void {
    for (const reader of sub.readers.splice(0)) {
      const end = sub.end;
      if (end && 'error' in end) {
        sub.end = {};
        reader.reject(end.error);
      } else {
        reader.resolve(DONE);
      }
    }
  }

  return {
    publish(set) {
      for (const sub of subscribers) {
        const reader = sub.readers.shift();
        if (reader) {
          reader.resolve({ value: set, done: false });
        } else if (sub.queue.length < maxBuffered) {
          sub.queue.push(set);
        } else {
          subscribers.delete(sub);
          sub.end = {
            error: new ChangeFeedOverflowError(
              `A change-set iterator of ${set.connection} fell more than ${maxBuffered} change sets behind and was cut off; change sets from run ${set.run} on were not delivered to it`,
              { vendor: set.vendor, maxBuffered },
            ),
          };
        }
      }
    },
    end(error) {
      ended ??= error === undefined ? {} : { error };
      for (const sub of subscribers) {
        sub.end ??= { ...ended };
        if (sub.queue.length === 0) settleReaders(sub);
      }
      subscribers.clear();
    },
    subscribe() {
      const sub: Subscriber = { queue: [], readers: [], end: ended && { ...ended } };
      if (!sub.end) subscribers.add(sub);
      const iterator: AsyncIterableIterator<ChangeSet> = {
        next() {
          const value = sub.queue.shift();
          if (value) return Promise.resolve({ value, done: false });
          if (sub.end) {
            return new Promise<IteratorResult<ChangeSet>>((resolve, reject) => {
              sub.readers.push({ resolve, reject });
              settleReaders(sub);
            });
          }
          return new Promise<IteratorResult<ChangeSet>>((resolve, reject) => {
            sub.readers.push({ resolve, reject });
          });
        },
        return() {
          subscribers.delete(sub);
          sub.queue.length = 0;
          sub.end = {};
          settleReaders(sub);
          return Promise.resolve(DONE);
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
  };
}
