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

/** Listens on `port` (0: any) on 127.0.0.1 and closes again: the port it got, or 0 when taken. */
function tryPort(port: number): Promise<number> {
  return new Promise<number>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(0));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const p = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(p));
    });
  });
}

/**
 * A port the kernel says is free on 127.0.0.1 (the default Redis port is never returned). With
 * `bus`, the cluster bus port (the port + 10,000) is free too.
 */
async function freePort(bus = false): Promise<number> {
  for (;;) {
    const port = await tryPort(0);
    if (port === DEFAULT_PORT || port <= 0) continue;
    if (!bus) return port;
    if (port + 10_000 <= 65_535 && (await tryPort(port + 10_000)) > 0) return port;
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

/** A Redis Cluster started by {@link startRedisCluster}: masters only, every slot assigned. */
export interface RedisCluster {
  /** The masters, each on 127.0.0.1. */
  readonly nodes: ReadonlyArray<{ host: string; port: number }>;
  /** The nodes as seeds for a client, `127.0.0.1:7001,127.0.0.1:7002,...`. */
  readonly seeds: string;
  /** Stops every node and deletes their directories. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisCluster}. */
export interface StartRedisClusterOptions extends Pick<StartRedisServerOptions, 'binary'> {
  /** Masters (default 3, the fewest Redis accepts). */
  masters?: number | undefined;
  /** The `redis-cli` binary (default: `$REDIS_CLI`, else `redis-cli` on the PATH). */
  cli?: string | undefined;
  /** Longest wait for the cluster to report `cluster_state:ok` (default 10,000 ms). */
  readyTimeoutMs?: number | undefined;
}

/**
 * Starts a private Redis Cluster on loopback ports: `masters` servers in cluster mode (each with
 * its own temporary directory, persistence off), joined and given every slot by
 * `redis-cli --cluster create`, and resolves once every node reports `cluster_state:ok`.
 *
 * @example
 * ```ts
 * const cluster = await startRedisCluster();
 * const redis = new Cluster(cluster.nodes);
 * ```
 */
export async function startRedisCluster(
  options: StartRedisClusterOptions = {},
): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const cli = options.cli ?? process.env.REDIS_CLI ?? 'redis-cli';
  const servers: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  try {
    for (let i = 0; i < masters; i++) {
      servers.push(
        await startRedisServer({
          binary: options.binary,
          port: await freePort(true),
          args: ['--cluster-enabled', 'yes', '--cluster-node-timeout', '5000'],
        }),
      );
    }
    const addresses = servers.map((s) => `${s.host}:${s.port}`);
    await run(cli, [
      '--cluster',
      'create',
      ...addresses,
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    const deadline = Date.now() + (options.readyTimeoutMs ?? 10_000);
    for (;;) {
      const states = await Promise.all(
        servers.map((s) => query(s.port, 'CLUSTER INFO').catch(() => '')),
      );
      if (states.every((info) => info.includes('cluster_state:ok'))) break;
      if (Date.now() > deadline)
        throw new Error('the Redis Cluster did not report cluster_state:ok');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const nodes = servers.map((s) => ({ host: s.host, port: s.port }));
  return { nodes, seeds: nodes.map((n) => `${n.host}:${n.port}`).join(','), stop };
}

/** Runs a command to its end; rejects with its output when it fails. */
function run(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('error', (error) =>
      reject(
        new Error(
          `${binary} could not be started (${error.message}); install redis-tools or set REDIS_CLI`,
        ),
      ),
    );
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${binary} ${args.join(' ')} failed (${code}):\n${output.join('')}`)),
    );
  });
}

/** Sends one inline command and resolves with the raw reply. */
function query(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let reply = '';
    socket.setTimeout(1_000, () => {
      socket.destroy();
      reject(new Error('timeout'));
    });
    socket.once('error', reject);
    socket.on('data', (d: Buffer) => {
      reply += d.toString();
      // A bulk string: `$<length>\r\n<body>\r\n`.
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (header && reply.length >= header[0].length + Number(header[1]) + 2) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
  });
}
