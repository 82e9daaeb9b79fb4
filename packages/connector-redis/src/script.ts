import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/** A Redis client the stores accept: a single node or a cluster (keys are hash-tagged per tenant). */
export type RedisClient = Redis | Cluster;

/** A Lua script run by SHA, loaded on the first NOSCRIPT (after a restart or on a new node). */
export interface Script {
  run(
    client: RedisClient,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown>;
}

/** Wraps `source` so it is sent in full only when the server does not know it yet. */
export function defineScript(source: string): Script {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(client, keys, args) {
      try {
        return await client.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
        return client.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}
