import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { StateLockedError, StoreError } from '../errors/errors.js';
import { createFakeConnector, makeUsers } from '../testing/fake-connector.js';
import { createFileStateStore } from './file-store.js';
import { createPoller } from './poller.js';
import { asStoreError } from './store-error.js';

const hooks = fileURLToPath(new URL('../testing/ts-hooks.mjs', import.meta.url));
const holder = fileURLToPath(new URL('./lock-holder.fixture.mjs', import.meta.url));
const TTL = { ttlMs: 60_000 };

let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-lock-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Starts a child process that takes the lock and holds it; resolves once it has. */
function lockInChild(directory: string, connection: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', hooks, holder, directory, connection], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('locked')) resolve(child);
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited (${code}): ${out}${err}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('createFileStateStore: writer lock', () => {
  it('lets one writer in, refuses the next with the holder, and frees the lock on release', async () => {
    const store = createFileStateStore({ directory: join(dir, 'state') });
    const lock = await store.lock?.('acme', TTL);
    expect(lock?.owner).toMatch(new RegExp(`^${process.pid}@`));
    const lockFile = JSON.parse(await readFile(join(dir, 'state', 'snapshot-acme.lock'), 'utf8'));
    expect(lockFile).toMatchObject({ pid: process.pid, host: hostname(), owner: lock?.owner });

    const refused = await store.lock?.('acme', TTL).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StateLockedError);
    expect(refused).toMatchObject({ holder: `${process.pid}@${hostname()}` });
    // Another connection locks independently.
    await (await store.lock?.('globex', TTL))?.release();

    await lock?.renew();
    await lock?.release();
    await lock?.release(); // harmless twice
    const again = await store.lock?.('acme', TTL);
    await expect(lock?.renew()).rejects.toBeInstanceOf(StateLockedError);
    await again?.release();
    expect(await readdir(join(dir, 'state'))).toEqual([]);
  });

  it('refuses a writer while another process holds the lock, and takes it over once that process died', async () => {
    const child = await lockInChild(dir, 'acme');
    const store = createFileStateStore({ directory: dir });
    const refused = await store.lock?.('acme', TTL).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StateLockedError);
    expect(refused).toMatchObject({ holder: `${child.pid}@${hostname()}` });

    // A poller there cannot start either.
    const poller = createPoller({
      connector: createFakeConnector({ users: makeUsers(2), name: 'acme' }),
      store,
      intervalMs: 60_000,
      clock: createManualClock(),
    });
    await expect(poller.start()).rejects.toBeInstanceOf(StateLockedError);

    await exited(child); // killed: its lease has an hour left, but its pid is gone
    const lock = await store.lock?.('acme', TTL);
    expect(lock?.owner).toMatch(new RegExp(`^${process.pid}@`));
    await lock?.release();
  });

  it('takes over a lock whose lease lapsed, not one still leased on another host', async () => {
    const clock = createManualClock();
    const store = createFileStateStore({ directory: dir, clock });
    const foreign = (expiresAt: number) =>
      writeFile(
        join(dir, 'snapshot-acme.lock'),
        JSON.stringify({
          format: 'connector-kit/lock',
          owner: '4242@other-host#abcd',
          pid: 4242,
          host: 'other-host',
          expiresAt,
        }),
      );
    await foreign(clock.now() + 1_000);
    await expect(store.lock?.('acme', TTL)).rejects.toMatchObject({ holder: '4242@other-host' });
    await clock.advance(1_000);
    const lock = await store.lock?.('acme', TTL);
    expect(lock?.owner).toMatch(new RegExp(`^${process.pid}@`));
    await lock?.release();
  });

  it('a lock lapsed and taken over cannot be renewed by its former holder', async () => {
    const clock = createManualClock();
    const store = createFileStateStore({ directory: dir, clock });
    const first = await store.lock?.('acme', TTL);
    await clock.advance(60_000);
    const second = await store.lock?.('acme', TTL);
    await expect(first?.renew()).rejects.toBeInstanceOf(StateLockedError);
    await first?.release(); // leaves the new holder's lock alone
    await expect(store.lock?.('acme', TTL)).rejects.toBeInstanceOf(StateLockedError);
    await second?.release();
  });
});

describe('createFileStateStore: identity', () => {
  it('records the connection identity in the snapshot header', async () => {
    const store = createFileStateStore({ directory: dir });
    const identity = { vendor: 'jumpcloud', host: 'console.jumpcloud.com', tenant: 'org-1' };
    await store.save('jc', {
      connection: 'jc',
      vendor: 'jumpcloud',
      identity,
      takenAt: new Date(0),
      accounts: new Map(),
    });
    expect((await store.load('jc'))?.identity).toEqual(identity);
    const header = JSON.parse((await readFile(store.pathFor('jc'), 'utf8')).split('\n')[0] ?? '');
    expect(header.identity).toEqual(identity);
  });
});

describe('createFileStateStore: typed errors', () => {
  const empty = { connection: 'c', vendor: 'fake', takenAt: new Date(0), accounts: new Map() };

  it('a directory where the snapshot file should be is a StoreError naming the path (EISDIR)', async () => {
    const store = createFileStateStore({ directory: dir });
    await mkdir(store.pathFor('c'));
    const error = await store.load('c').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      code: 'store',
      userAction: 'fix_config',
      location: store.pathFor('c'),
    });
    expect((error as Error).message).toMatch(/EISDIR/);
    await expect(store.save('c', empty)).rejects.toBeInstanceOf(StoreError);
  });

  it('a path under a file is a StoreError (ENOTDIR)', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const store = createFileStateStore({ directory: join(dir, 'file', 'state') });
    for (const call of [() => store.load('c'), () => store.save('c', empty)]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(/ENOTDIR/);
    }
    await expect(store.lock?.('c', TTL)).rejects.toBeInstanceOf(StoreError);
  });

  it('a directory under /proc fails at once instead of hanging in mkdir', async () => {
    const store = createFileStateStore({ directory: '/proc/self/connector-kit-state/nested' });
    const error = await store.save('c', empty).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      location: '/proc/self/connector-kit-state/nested/snapshot-c.jsonl',
    });
  });

  it.skipIf(process.getuid?.() === 0)(
    'a read-only directory is a StoreError (EACCES)',
    async () => {
      const { chmod } = await import('node:fs/promises');
      await chmod(dir, 0o500);
      const store = createFileStateStore({ directory: dir });
      await expect(store.save('c', empty)).rejects.toMatchObject({
        code: 'store',
        location: store.pathFor('c'),
      });
      await chmod(dir, 0o700);
    },
  );

  it('maps EACCES and other errno failures, and passes connector errors through', () => {
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const mapped = asStoreError(eacces, 'save the snapshot', '/state/x.jsonl');
    expect(mapped).toBeInstanceOf(StoreError);
    expect(mapped).toMatchObject({ location: '/state/x.jsonl', userAction: 'fix_config' });
    expect((mapped as Error).message).toMatch(/permission denied \(EACCES\)/);
    const typed = new StoreError('already typed');
    expect(asStoreError(typed, 'x', 'y')).toBe(typed);
  });
});
