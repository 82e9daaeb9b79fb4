import type { Clock } from '../../clock/clock.js';
import type { StoreCall } from '../../internal/store-call.js';
import { type ConnectionStatus, nextStatus } from '../connection-status.js';
import type { PollerEvent } from '../events.js';
import type { StateStore } from '../state-store.js';

/** Keeps a poller's {@link ConnectionStatus}, and the store's copy when the store has one. */
export interface StatusKeeper {
  /** The status as of the last event (before the stored one was read: from this poller's events only). */
  readonly current: ConnectionStatus | undefined;
  /** Folds an event in; status changes are written to the store in order, in the background. */
  observe(event: PollerEvent): void;
  /** Resolves once every write has settled. */
  flush(): Promise<void>;
}

/** Events that change what a status shows. */
const CHANGES = new Set<PollerEvent['type']>([
  'run-started',
  'run-completed',
  'run-failed',
  'scheduled',
  'stopped',
]);

/**
 * Creates the status keeper of one connection's poller. The stored status is read once, before
 * the first write, and this poller's events are folded onto it, so `lastSuccessAt` survives from
 * one process (or one job) to the next. A failed write is left to the next one.
 */
export function createStatusKeeper(o: {
  store: StateStore;
  connection: string;
  clock: Clock;
  storeCall: StoreCall;
}): StatusKeeper {
  const { store, connection, storeCall } = o;
  const save = store.saveStatus?.bind(store);
  const load = store.loadStatus?.bind(store);
  let current: ConnectionStatus | undefined;
  let stored: ConnectionStatus | undefined;
  let loaded = false;
  const seen: Array<[PollerEvent, Date]> = [];
  let writing: Promise<void> = Promise.resolve();

  const write = async () => {
    if (!save) return;
    if (!loaded && load) {
      stored = await storeCall(() => load(connection), 'load the connection status').catch(
        () => undefined,
      );
      loaded = true;
      // This poller's events so far, on top of what the store knew.
      current = seen.reduce<ConnectionStatus | undefined>(
        (s, [e, at]) => nextStatus(s, e, at),
        stored,
      );
      seen.length = 0;
    }
    const status = current;
    if (status) await storeCall(() => save(connection, status), 'save the connection status');
  };

  return {
    get current() {
      return current;
    },
    observe(event) {
      if (!CHANGES.has(event.type)) return;
      const at = new Date(o.clock.now());
      if (!loaded) seen.push([event, at]);
      current = nextStatus(current, event, at);
      writing = writing.then(write).catch(() => undefined);
    },
    flush() {
      return writing;
    },
  };
}
