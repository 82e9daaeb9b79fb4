import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startRedisServer } from './testing.js';

describe('startRedisServer', () => {
  it('starts a private server on a loopback port other than 6379 and stops it', async () => {
    const server = await startRedisServer();
    expect(server.port).not.toBe(6379);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    const client = new Redis(server.url);
    expect(await client.config('GET', 'save')).toEqual(['save', '']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    await client.quit();
    await server.stop();
    await server.stop();
    const after = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    after.on('error', () => undefined); // the refused connection is the point
    await expect(after.ping()).rejects.toThrow();
    after.disconnect();
  });

  it('fails with a message that says how to install Redis when it cannot start', async () => {
    await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
      /Redis is needed by this test but \/nonexistent\/redis-server could not be started.*apt-get install -y redis-server/,
    );
  });
});
