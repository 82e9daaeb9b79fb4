import { type Connector, type DeleteReport, deleteConnection } from '@org/connector-core';
import type { RedisStateStore } from '@org/connector-redis';
import type { Queue } from 'bullmq';
import type { ConnectionSpec } from './fleet-config.ts';
import type { FleetRedis } from './redis-connection.ts';

/** Name of the BullMQ queue of poll jobs. */
export const QUEUE = 'fleet-poll';
// The fleet's own keys share the `{fleet}` hash tag, so a cluster keeps them in one slot.
/** Hash: connection → why it was taken off the schedule (JSON), until a person fixes it. */
export const NEEDS_ACTION = '{fleet}:needs-action';
/** Stream of change events, written before each snapshot is committed (at-least-once). */
export const CHANGES = '{fleet}:changes';
/** Stream of completed runs, for dashboards and tests; `kind: baseline-lost` is an alert. */
export const RUNS = '{fleet}:runs';

/** What a poll job carries: the connection's name only, never its credentials. */
export interface PollJob {
  connection: string;
}

/** Retries of one failed run, and the first delay (doubled per attempt, never below `retryAfterMs`). */
export const RETRY = { attempts: 5, delayMs: 1_000 };

/**
 * One repeatable job per connection at its interval (a BullMQ job scheduler named after the
 * connection, so scheduling again only updates it). Connections waiting for a person are skipped.
 */
export async function scheduleConnections(
  queue: Queue<PollJob>,
  redis: FleetRedis,
  specs: Iterable<ConnectionSpec>,
): Promise<number> {
  const parked = new Set(await redis.hkeys(NEEDS_ACTION));
  let scheduled = 0;
  for (const spec of specs) {
    if (parked.has(spec.name)) continue;
    await queue.upsertJobScheduler(
      spec.name,
      { every: spec.intervalMs },
      {
        name: 'poll',
        data: { connection: spec.name },
        opts: {
          attempts: RETRY.attempts,
          backoff: { type: 'retry-after', delay: RETRY.delayMs },
          removeOnComplete: 100,
          // Failed jobs are also kept, beyond this, in the dead-letter stream (dead-letters.ts).
          removeOnFail: 1_000,
        },
      },
    );
    scheduled++;
  }
  return scheduled;
}

/** Takes a connection off the schedule and records why, for the host app to show a person. */
export async function parkConnection(
  queue: Queue<PollJob>,
  redis: FleetRedis,
  connection: string,
  reason: { userAction: string; code: string; message: string },
): Promise<void> {
  await redis.hset(
    NEEDS_ACTION,
    connection,
    JSON.stringify({ ...reason, at: new Date().toISOString() }),
  );
  await queue.removeJobScheduler(connection);
}

/**
 * Deletes a connection from the fleet: its job scheduler, its needs-action entry, and every trace
 * of it in the state store (snapshot, first-sync progress, status, lock). Remove it from the fleet
 * file too. The report's `atVendor` says what to revoke at the vendor.
 */
export async function deleteFleetConnection(
  queue: Queue<PollJob>,
  redis: FleetRedis,
  state: RedisStateStore,
  connection: string,
  connector?: Pick<Connector, 'vendor' | 'revokeAccess'>,
): Promise<DeleteReport> {
  await queue.removeJobScheduler(connection);
  await redis.hdel(NEEDS_ACTION, connection);
  return deleteConnection({ connection, stores: [state], connector });
}
