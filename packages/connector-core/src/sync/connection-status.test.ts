import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import {
  AuthenticationError,
  PermissionError,
  RateLimitError,
  ServerError,
} from '../errors/errors.js';
import { createFakeConnector, makeUsers } from '../testing/fake-connector.js';
import { type ConnectionStatus, nextStatus, parseStatus } from './connection-status.js';
import type { PollerEvent } from './events.js';
import { createMemoryStateStore } from './memory-store.js';
import { createPoller } from './poller.js';

const at = new Date(Date.UTC(2024, 0, 1));
const failed = (error: unknown): PollerEvent => ({
  type: 'run-failed',
  connection: 'acme',
  run: 2,
  error,
  consecutiveFailures: 1,
  userAction: (error as { userAction?: never }).userAction,
});

describe('nextStatus', () => {
  it('says what a person must do, from the failure', () => {
    const fold = (error: unknown) => nextStatus(undefined, failed(error), at);
    expect(fold(new AuthenticationError('key revoked')).health).toBe('needs-reconnect');
    expect(fold(new PermissionError('no users:read')).health).toBe('missing-permission');
    const quota = fold(
      new RateLimitError('daily quota', { scope: 'quota', retryAfterMs: 3_600_000 }),
    );
    expect(quota).toMatchObject({ health: 'quota-exhausted', retryAt: '2024-01-01T01:00:00.000Z' });
    // A passing failure keeps the health, with the error to show.
    const passing = fold(new ServerError('502'));
    expect(passing).toMatchObject({
      health: 'healthy',
      lastError: { code: 'server', message: '502' },
    });
  });

  it('never keeps a foreign error message, which may hold anything', () => {
    const status = nextStatus(undefined, failed(new TypeError('GET https://x/?key=s3cret')), at);
    expect(status.lastError).toEqual({
      code: 'unexpected',
      message: 'An unexpected TypeError ended the run',
      at: at.toISOString(),
    });
    expect(JSON.stringify(status)).not.toContain('s3cret');
  });

  it('is valid JSON a store can keep, and parses back', () => {
    const s: ConnectionStatus = nextStatus(undefined, failed(new ServerError('x')), at);
    expect(parseStatus(JSON.parse(JSON.stringify(s)))).toEqual(JSON.parse(JSON.stringify(s)));
    expect(parseStatus({ health: 'fine' })).toBeUndefined();
  });
});

describe('a poller keeps the connection status in its store', () => {
  it('syncing, healthy with the last success and next run, needs-reconnect; disabled once stopped', async () => {
    const clock = createManualClock();
    const store = createMemoryStateStore({ clock });
    const connector = createFakeConnector({ name: 'acme', users: makeUsers(3) });
    const poller = createPoller({ connector, store, clock, intervalMs: 60_000, jitter: 0 });
    await poller.start();
    await clock.advance(0);
    await new Promise((r) => setImmediate(r)); // the status write, queued behind the run
    expect(await store.loadStatus?.('acme')).toMatchObject({
      health: 'healthy',
      lastSuccessAt: new Date(clock.now()).toISOString(),
      nextRunAt: new Date(clock.now() + 60_000).toISOString(),
    });
    connector.failNextRun(1, new AuthenticationError('key revoked'));
    await clock.advance(60_000);
    await poller.stopped;
    await poller.stop();
    expect(await store.loadStatus?.('acme')).toMatchObject({
      health: 'needs-reconnect',
      lastError: { code: 'authentication', userAction: 'reconnect' },
    });

    // A later process sees the stored status, and a host that stops polling disables it.
    const next = createPoller({
      connector: createFakeConnector({ name: 'acme' }),
      store,
      clock,
      intervalMs: 60_000,
    });
    await next.start();
    await next.stop();
    expect(await store.loadStatus?.('acme')).toMatchObject({
      health: 'disabled',
      lastSuccessAt: expect.any(String),
    });
  });

  it('a poller only run once and stopped does not disable the connection', async () => {
    const store = createMemoryStateStore();
    const poller = createPoller({
      connector: createFakeConnector({ name: 'acme', users: makeUsers(1) }),
      store,
      intervalMs: 60_000,
    });
    await poller.runOnce();
    await poller.stop();
    expect((await store.loadStatus?.('acme'))?.health).toBe('healthy');
  });
});
