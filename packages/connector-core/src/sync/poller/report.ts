import type { ChangeFeed } from '../change-feed.js';
import type { ChangeSet } from '../change-set.js';
import type { PollerEvent } from '../events.js';

/**
 * An `onEvent` that cannot hurt its caller: an exception the listener throws is re-thrown
 * asynchronously (as an uncaught exception), like a throwing `EventTarget` listener.
 */
export function safeEmitter(
  onEvent: ((event: PollerEvent) => void) | undefined,
): (event: PollerEvent) => void {
  return (event) => {
    if (!onEvent) return;
    try {
      onEvent(event);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };
}

/** Reports a committed change set: to the feed's iterators first, then as events. */
export function reportCommitted(
  changeSet: ChangeSet,
  baseline: boolean,
  feed: ChangeFeed,
  emit: (event: PollerEvent) => void,
): void {
  feed.publish(changeSet);
  const { run, connection } = changeSet;
  if (baseline) emit({ type: 'baseline', connection, run, total: changeSet.total });
  for (const change of changeSet.added) emit({ type: 'added', connection, run, change });
  for (const change of changeSet.changed) emit({ type: 'changed', connection, run, change });
  for (const change of changeSet.removed) emit({ type: 'removed', connection, run, change });
  emit({ type: 'run-completed', connection, run, changeSet });
}
