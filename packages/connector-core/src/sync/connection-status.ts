import * as v from 'valibot';
import { ConnectorError, type UserAction } from '../errors/connector-error.js';
import type { PollerEvent } from './events.js';

/**
 * How a connection stands, as a host product shows it:
 * - `healthy`: its last run committed (or a run failed for a passing reason: see `lastError`);
 * - `syncing`: a run is in flight;
 * - `needs-reconnect`: the credential was rejected (revoked, regenerated, expired, its admin
 *   removed): a person must reconnect it;
 * - `missing-permission`: the credential lacks a permission a read needs;
 * - `quota-exhausted`: the vendor's quota (a daily one) is spent until `retryAt`;
 * - `disabled`: not polled: stopped by the host, or a configuration a person must fix.
 */
export type ConnectionHealth =
  | 'healthy'
  | 'syncing'
  | 'needs-reconnect'
  | 'missing-permission'
  | 'quota-exhausted'
  | 'disabled';

const ErrorSchema = v.object({
  // The error's stable code (`authentication`, `rate_limit`, ...), `unexpected` for a foreign error.
  code: v.string(),
  // Its message: connector errors never carry secrets; a foreign error's is not kept.
  message: v.pipe(v.string(), v.maxLength(500)),
  userAction: v.optional(
    v.picklist(['reconnect', 'grant_permission', 'fix_config', 'confirm_removals']),
  ),
  at: v.pipe(v.string(), v.isoTimestamp()),
});

/** Validates a {@link ConnectionStatus} read back from a store (its dates as ISO strings). */
export const ConnectionStatusSchema = v.object({
  connection: v.string(),
  health: v.picklist([
    'healthy',
    'syncing',
    'needs-reconnect',
    'missing-permission',
    'quota-exhausted',
    'disabled',
  ]),
  lastSuccessAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  lastError: v.optional(ErrorSchema),
  nextRunAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  // When a spent quota allows calls again (`quota-exhausted`).
  retryAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
});

/**
 * A connection's status, derived from what its poller saw (see {@link nextStatus}), kept by
 * stores that have `saveStatus`: its `health` ({@link ConnectionHealth}), `lastSuccessAt` (the
 * last committed run's end), `lastError` (`code`, a message without secrets, `userAction`, `at`),
 * `nextRunAt` when scheduled, and `retryAt` when a spent quota allows calls again. Dates are ISO
 * strings, so it is stored and sent as is.
 */
export type ConnectionStatus = v.InferOutput<typeof ConnectionStatusSchema>;

/** The last error as a status keeps it: code, a secret-free message, what a person must do. */
export function statusError(error: unknown, at: Date): NonNullable<ConnectionStatus['lastError']> {
  if (error instanceof ConnectorError) {
    return {
      code: error.code,
      message: error.message.slice(0, 500),
      ...(error.userAction ? { userAction: error.userAction } : {}),
      at: at.toISOString(),
    };
  }
  // A foreign error's message may hold anything (a URL with a key, an email): only its kind is kept.
  const kind = error instanceof Error ? error.name : typeof error;
  return {
    code: 'unexpected',
    message: `An unexpected ${kind} ended the run`,
    at: at.toISOString(),
  };
}

const HEALTH_OF: Partial<Record<UserAction, ConnectionHealth>> = {
  reconnect: 'needs-reconnect',
  grant_permission: 'missing-permission',
  fix_config: 'disabled',
};

/**
 * Folds one poller event into a connection's status: a run in flight is `syncing`, a committed
 * run `healthy`, a failure that needs a person says which (`needs-reconnect`,
 * `missing-permission`, `disabled` for a configuration to fix), a spent quota `quota-exhausted`
 * until it resets, a passing failure leaves the health as it was with `lastError` set, and a
 * poller stopped by its host is `disabled`.
 */
export function nextStatus(
  previous: ConnectionStatus | undefined,
  event: PollerEvent,
  now: Date,
): ConnectionStatus {
  const base: ConnectionStatus = previous ?? { connection: event.connection, health: 'healthy' };
  const settled = (health: ConnectionHealth): ConnectionHealth =>
    health === 'syncing' ? 'healthy' : health;
  switch (event.type) {
    case 'run-started':
      return { ...base, health: 'syncing', nextRunAt: undefined };
    case 'run-completed':
      return {
        ...base,
        health: 'healthy',
        lastSuccessAt: event.changeSet.finishedAt.toISOString(),
        retryAt: undefined,
      };
    case 'run-failed': {
      const lastError = statusError(event.error, now);
      const person = event.userAction && HEALTH_OF[event.userAction];
      if (person) return { ...base, health: person, lastError };
      const quota = event.error as { code?: unknown; scope?: unknown; retryAfterMs?: unknown };
      if (quota?.code === 'rate_limit' && quota.scope === 'quota') {
        const wait = typeof quota.retryAfterMs === 'number' ? quota.retryAfterMs : undefined;
        return {
          ...base,
          health: 'quota-exhausted',
          lastError,
          retryAt: wait === undefined ? undefined : new Date(now.getTime() + wait).toISOString(),
        };
      }
      return { ...base, health: settled(base.health), lastError };
    }
    case 'scheduled':
      return { ...base, health: settled(base.health), nextRunAt: event.nextRunAt.toISOString() };
    case 'stopped':
      return event.reason === 'needs-user-action'
        ? { ...base, health: settled(base.health), nextRunAt: undefined }
        : { ...base, health: 'disabled', nextRunAt: undefined };
    default:
      return base;
  }
}

/**
 * Reads a stored status back, validated; `undefined` for nothing or a damaged value (a status is
 * only a display: it is made again by the next run).
 */
export function parseStatus(value: unknown): ConnectionStatus | undefined {
  const parsed = v.safeParse(ConnectionStatusSchema, value);
  return parsed.success ? parsed.output : undefined;
}
