import type { ChangeSet } from './change-set.js';

/** Fans change sets out to any number of async iterators, each with its own queue. */
export interface ChangeFeed {
  publish(set: ChangeSet): void;
  /** Ends every iterator: done, or rejecting with `error` once its queue is drained. */
  end(error?: unknown): void;
  subscribe(): AsyncIterableIterator<ChangeSet>;
}

export function createChangeFeed(): ChangeFeed {
  interface Subscriber {
    queue: ChangeSet[];
    wake: (() => void) | undefined;
  }
  const subscribers = new Set<Subscriber>();
  let ended: { error?: unknown } | undefined;

  return {
    publish(set) {
      for (const s of subscribers) {
        s.queue.push(set);
        s.wake?.();
      }
    },
    end(error) {
      ended ??= error === undefined ? {} : { error };
      for (const s of subscribers) s.wake?.();
    },
    subscribe() {
      const sub: Subscriber = { queue: [], wake: undefined };
      subscribers.add(sub);
      let failed = false;
      const iterator: AsyncIterableIterator<ChangeSet> = {
        async next() {
          for (;;) {
            const value = sub.queue.shift();
            if (value) return { value, done: false };
            if (!subscribers.has(sub)) return { value: undefined, done: true };
            if (ended) {
              subscribers.delete(sub);
              if ('error' in ended && !failed) {
                failed = true;
                throw ended.error;
              }
              return { value: undefined, done: true };
            }
            await new Promise<void>((resolve) => {
              sub.wake = resolve;
            });
            sub.wake = undefined;
          }
        },
        async return() {
          subscribers.delete(sub);
          sub.queue.length = 0;
          sub.wake?.();
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
  };
}
