import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** A connection to the fleet's Redis: one server, or a cluster. */
export type FleetRedis = Redis | Cluster;

/**
 * Where the fleet's Redis is: `REDIS_CLUSTER` (seed nodes, `host:port,host:port`) for a Redis
 * Cluster, else `REDIS_URL` for one server.
 */
export interface RedisTarget {
  url?: string | undefined;
  cluster?: Array<{ host: string; port: number }> | undefined;
}

/** Reads the target from `REDIS_CLUSTER` or `REDIS_URL`. */
export function redisTarget(env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const seeds = env.REDIS_CLUSTER?.trim();
  if (seeds) {
    return {
      cluster: seeds.split(',').map((seed) => {
        const at = seed.lastIndexOf(':');
        return { host: seed.slice(0, at), port: Number(seed.slice(at + 1)) };
      }),
    };
  }
  if (!env.REDIS_URL) throw new Error('Set REDIS_URL (one server) or REDIS_CLUSTER (seed nodes)');
  return { url: env.REDIS_URL };
}

/**
 * Connects to the target. On a cluster, every key of the fleet must hash to one slot per command:
 * the stores hash-tag per tenant and connection, BullMQ uses the hash-tagged {@link BULL_PREFIX},
 * and the fleet's own streams share the `{fleet}` tag.
 */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}): FleetRedis {
  if (target.cluster) return new Cluster(target.cluster, { redisOptions: options });
  return new Redis(target.url ?? '', options);
}

/** BullMQ's key prefix: hash-tagged, so each queue's keys live in one cluster slot. */
export const BULL_PREFIX = '{fleet}';
