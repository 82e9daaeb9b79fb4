import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, startRedisServer } from '../src/testing.js';

/**
 * Starts a private redis-server for the test file and hands out clients to it; everything is
 * closed after the file. `beforeAll` fails (and with it every test) when Redis cannot start.
 */
export function useRedis(): { server: () => RedisServer; client: () => Redis } {
  let server: RedisServer | undefined;
  const clients: Redis[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    await server?.stop();
  });
  return {
    server: () => {
      if (!server) throw new Error('redis-server did not start');
      return server;
    },
    client: () => {
      if (!server) throw new Error('redis-server did not start');
      const c = new Redis(server.url, { maxRetriesPerRequest: 1 });
      clients.push(c);
      return c;
    },
  };
}
