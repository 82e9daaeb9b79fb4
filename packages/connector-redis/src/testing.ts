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
  /**
   * Stops the server as an outage would (clients see refused connections), keeping its data: it is
   * saved to the server's directory first, and {@link RedisServer.restart} loads it again.
   */
  halt(): Promise<void>;
  /** Starts the server again after {@link RedisServer.halt}, on the same port, with the same data. */
  restart(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered, until `resume()`. */
  pause(): void;
  /** Lets a paused server answer again (SIGCONT). */
  resume(): void;
}

/** Options of {@link startRedisServer}. */
export interface StartRedisServerOptions {
  /** The `redis-server` binary (default: `$REDIS_SERVER`, else `redis-server` on the PATH). */
  binary?: string | undefined;
  /** Longest wait for the server to accept connections (default 5,000 ms). */
  startTimeoutMs?: number | undefined;
  /** Extra `redis-server` arguments, such as `['--cluster-enabled', 'yes']`. */
  args?: readonly string[] | undefined;
  /** Port to listen on (default: a free one). */
  port?: number | undefined;
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
  const port = options.port ?? (await freePort());
  const args = [
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
    ...(options.args ?? []),
  ];
  let running: Running;
  try {
    running = await spawnServer(binary, args, port, timeoutMs);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    stop() {
      stopping ??= (async () => {
        await running.kill();
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
    async halt() {
      running.child.kill('SIGCONT'); // a paused server cannot save
      await sendCommand(port, 'SHUTDOWN SAVE');
      await running.kill();
    },
    async restart() {
      if (!running.exited()) throw new Error('restart() needs a halted server');
      running = await spawnServer(binary, args, port, timeoutMs);
    },
    pause() {
      running.child.kill('SIGSTOP');
    },
    resume() {
      running.child.kill('SIGCONT');
    },
  };
}

interface Running {
  child: ChildProcess;
  /** Why it exited, once it has. */
  exited(): string | undefined;
  /** Ends it (SIGTERM, then SIGKILL after 2 s) and resolves once it has exited. */
  kill(): Promise<void>;
}

/** Starts `redis-server` and resolves once it answers PING; fails with how to install Redis. */
async function spawnServer(
  binary: string,
  args: string[],
  port: number,
  timeoutMs: number,
): Promise<Running> {
  const output: string[] = [];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const kill = async () => {
    if (exited) return;
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exit;
    clearTimeout(timer);
  };
  const fail = async (why: string): Promise<never> => {
    child.kill('SIGKILL');
    await exit;
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
  return { child, exited: () => exited, kill };
}

/** Sends one inline command and resolves when the server answers or closes the connection. */
function sendCommand(port: number, command: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(5_000, done);
    socket.once('error', done);
    socket.once('close', done);
    socket.once('data', done);
    socket.connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
  });
}
