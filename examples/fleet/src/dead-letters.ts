import type { FleetRedis } from './redis-connection.ts';

/** Stream of jobs that failed for good, newest last; kept (capped) after BullMQ drops the jobs. */
export const DEAD_LETTERS = '{fleet}:dead-letters';

/** A job that failed for good: out of attempts, or a failure no retry can fix. */
export interface DeadLetter {
  /** Stream id (its time). */
  id: string;
  connection: string;
  job: string;
  /** The error's code (`authentication`, `server`, ...), or `unknown`. */
  code: string;
  /** The error's message: connector errors never carry secrets. */
  message: string;
  /** Attempts made, this one included. */
  attempts: string;
  worker: string;
  at: string;
}

/** Records a dead letter, keeping at most about `maxLen` of them. */
export async function recordDeadLetter(
  redis: FleetRedis,
  maxLen: number,
  letter: Omit<DeadLetter, 'id' | 'at'>,
): Promise<void> {
  const fields = Object.entries({ ...letter, at: new Date().toISOString() }).flat();
  await redis.xadd(DEAD_LETTERS, 'MAXLEN', '~', maxLen, '*', ...fields);
}

/** The latest `count` dead letters, newest first, for a host to list (or an operator to replay). */
export async function listDeadLetters(redis: FleetRedis, count = 100): Promise<DeadLetter[]> {
  const entries = await redis.xrevrange(DEAD_LETTERS, '+', '-', 'COUNT', count);
  return entries.map(([id, fields]) => {
    const o: Record<string, string> = { id };
    for (let i = 0; i < fields.length; i += 2) o[fields[i] ?? ''] = fields[i + 1] ?? '';
    return o as unknown as DeadLetter;
  });
}
