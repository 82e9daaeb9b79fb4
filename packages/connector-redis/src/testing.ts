/**
 * Test helpers: a private `redis-server` per test file, on a free loopback port with its own
 * temporary directory, so tests never touch a shared or default instance.
 *
 * @packageDocumentation
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A `redis-server` started by {@link startRedisServer}. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Always `127.0.0.1`. */
  readonly host: string;
  /** The port it listens on (never 6379). */
  readonly port: number;
  /** Stops the server and deletes its directory. Calling it twice is harmless. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface StartRedisServerOptions {
  /** The `redis-server` binary (default: `$REDIS_SERVER`, else `redis-server` on the PATH). */
  binary?: string | undefined;
  /** Longest wait for the server to accept connections (default 5,000 ms). */
  startTimeoutMs?: number | undefined;
}

const DEFAULT_PORT = 6379;

/** A port the kernel says is free on 127.0.0.1 (the default Redis port is never returned). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const p = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(p));
      });
    });
    if (port !== DEFAULT_PORT && port > 0) return port;
  }
}

/** Sends PING and resolves true on +PONG; false on any failure. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Starts a private `redis-server` on a free loopback port, with a temporary working directory and
 * persistence off (`--save '' --appendonly no`). Rejects with an error that says how to install
 * Redis when the binary is missing or the server does not come up: a test that needs Redis fails
 * loudly rather than passing without it.
 *
 * @example
 * ```ts
 * let redis: RedisServer;
 * beforeAll(async () => { redis = await startRedisServer(); });
 * afterAll(() => redis.stop());
 * ```
 */
export async function startRedisServer(
  options: StartRedisServerOptions = {},
): Promise<RedisServer> {
  const binary = options.binary ?? process.env.REDIS_SERVER ?? 'redis-server';
  const timeoutMs = options.startTimeoutMs ?? 5_000;
  const dir = await mkdtemp(join(tmpdir(), 'connector-redis-'));
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    });
    child.once('error', (error) => {
      exited = `could not be started (${error.message})`;
      resolve();
    });
  });

  const fail = async (why: string): Promise<never> => {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `Redis is needed by this test but ${binary} ${why}. Install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) or set REDIS_SERVER to its path.${output.length > 0 ? `\n${output.join('').trim()}` : ''}`,
    );
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) return fail(exited);
    if (await ping(port)) break;
    if (Date.now() > deadline) return fail(`did not answer on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    stop() {
      stopping ??= (async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
          await exit;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
