import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/errors.js';
import { createFileStateStore } from './file-store.js';
import type { AccountFingerprint } from './fingerprint.js';
import type { Snapshot } from './snapshot.js';

const hooks = fileURLToPath(new URL('../testing/ts-hooks.mjs', import.meta.url));
const crashScript = fileURLToPath(new URL('../testing/save-and-crash.mjs', import.meta.url));

function snapshot(n: number, connection = 'acme/hexnode'): Snapshot {
  const accounts = new Map<string, AccountFingerprint>();
  for (let i = 0; i < n; i++) {
    accounts.set(String(i), {
      email: `p${i}@example.com`,
      name: i % 3 === 0 ? undefined : `Pérson ${i} 🙂`,
      status: i % 2 ? 'active' : 'suspended',
      rawHash: `hash${String(i).padStart(12, '0')}`,
    });
  }
  return { connection, vendor: 'hexnode', takenAt: new Date('2024-05-01T10:00:00.000Z'), accounts };
}

/** Starts a child and resolves with it once it printed `line`. */
function startUntil(args: string[], line: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', hooks, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').includes(line)) resolve(child);
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) =>
      reject(new Error(`child exited (${code}) before "${line}": ${out}${err}`)),
    );
  });
}

const killed = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (_code, signal) => resolve(signal));
    child.kill('SIGKILL');
  });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createFileStateStore', () => {
  it('round-trips a snapshot, owner-readable only', async () => {
    const store = createFileStateStore({ directory: join(dir, 'nested') });
    expect(await store.load('acme/hexnode')).toBeUndefined();
    const saved = snapshot(50);
    await store.save('acme/hexnode', saved);
    const loaded = await store.load('acme/hexnode');
    // Stamped with the directory's epoch, which lives beside the snapshots.
    expect(loaded).toEqual({ ...saved, epoch: (await store.epoch()).id });
    expect(store.pathFor('acme/hexnode')).toBe(
      join(dir, 'nested', 'snapshot-acme%2Fhexnode.jsonl'),
    );
    expect((await stat(store.pathFor('acme/hexnode'))).mode & 0o777).toBe(0o600);
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual([
      'epoch.json',
      'snapshot-acme%2Fhexnode.jsonl',
    ]);
    // Connections stay apart, whatever their names hold.
    await store.save('../evil', snapshot(1, '../evil'));
    expect((await store.load('../evil'))?.accounts.size).toBe(1);
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual([
      'epoch.json',
      'snapshot-..%2Fevil.jsonl',
      'snapshot-acme%2Fhexnode.jsonl',
    ]);
  });

  it('costs under 100 bytes per account on disk', async () => {
    const store = createFileStateStore({ directory: dir });
    await store.save('c', snapshot(1000));
    const bytes = (await stat(store.pathFor('c'))).size;
    expect(bytes / 1000).toBeLessThan(100);
  });

  it('rejects a damaged file with a ConfigError that says what to do', async () => {
    const store = createFileStateStore({ directory: dir });
    await store.save('c', snapshot(10));
    const text = await readFile(store.pathFor('c'), 'utf8');
    const lines = text.trimEnd().split('\n');

    await writeFile(store.pathFor('c'), `${lines.slice(0, -2).join('\n')}\n`);
    await expect(store.load('c')).rejects.toThrow(
      /line 9: 8 accounts where the header says 10\); delete it/,
    );
    await writeFile(store.pathFor('c'), `${text}{"half`);
    await expect(store.load('c')).rejects.toThrow(/line 12: not JSON/);
    await writeFile(store.pathFor('c'), text.replace('"version":1', '"version":9'));
    await expect(store.load('c')).rejects.toBeInstanceOf(ConfigError);
    await writeFile(store.pathFor('c'), '');
    await expect(store.load('c')).rejects.toThrow(/empty file/);
  });

  it('a save that fails part way leaves the previous snapshot and no temporary file', async () => {
    const store = createFileStateStore({ directory: dir });
    const previous = snapshot(20, 'c');
    await store.save('c', previous);
    // Sizes are kept small enough that a loaded machine cannot time the test out, and large enough
    // that several 256 KB chunks reach the temporary file first.
    const failing = snapshot(30_000, 'c');
    // The 25,000th row cannot be serialised: the save fails with 24,999 rows in the temp file.
    Object.defineProperty(failing.accounts.get('24999'), 'email', {
      get() {
        throw new Error('disk went away');
      },
    });
    await expect(store.save('c', failing)).rejects.toThrow('disk went away');
    expect(await store.load('c')).toEqual({ ...previous, epoch: (await store.epoch()).id });
    expect((await readdir(dir)).sort()).toEqual(['epoch.json', 'snapshot-c.jsonl']);
  });

  it.each([
    ['mid-write', 'while the temporary file is being written'],
    ['before-rename', 'after the temporary file is flushed, before the rename'],
  ])('a process killed %s (%s) leaves the previous snapshot loadable', async (mode) => {
    const store = createFileStateStore({ directory: dir });
    const previous = snapshot(25, 'tenant');
    await store.save('tenant', previous);

    const child = await startUntil([crashScript, dir, 'tenant', mode, '20000'], mode);
    const temps = (await readdir(dir)).filter((f) => f.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    const tempBytes = (await stat(join(dir, temps[0] ?? ''))).size;
    expect(tempBytes).toBeGreaterThan(500_000); // the new snapshot was really being written
    expect(await killed(child)).toBe('SIGKILL');

    const { id: epoch } = await store.epoch();
    expect(await store.load('tenant')).toEqual({ ...previous, epoch });
    // The next save clears what the dead writer left behind.
    const next = snapshot(3, 'tenant');
    await store.save('tenant', next);
    expect((await readdir(dir)).sort()).toEqual(['epoch.json', 'snapshot-tenant.jsonl']);
    expect(await store.load('tenant')).toEqual({ ...next, epoch });
  });

  it('a directory wiped while the store knew its epoch gets a new epoch that names the old one', async () => {
    const store = createFileStateStore({ directory: dir });
    await store.save('c', snapshot(2, 'c'));
    const first = await store.epoch();
    expect(first.replaced).toBeUndefined();
    expect((await store.epoch()).id).toBe(first.id);
    await rm(dir, { recursive: true, force: true });
    const second = await store.epoch();
    expect(second.id).not.toBe(first.id);
    expect(second.replaced).toBe(first.id);
    // Another store object, started after the wipe, learns it from the file.
    expect(await createFileStateStore({ directory: dir }).epoch()).toEqual(second);
    // A store object that never saw the old epoch cannot know: a fresh directory is a first run.
    await rm(dir, { recursive: true, force: true });
    expect((await createFileStateStore({ directory: dir }).epoch()).replaced).toBeUndefined();
  });

  it("keeps a first sync's progress beside the snapshot, and deletes it", async () => {
    const store = createFileStateStore({ directory: dir });
    expect(await store.loadProgress('c')).toBeUndefined();
    const progress = { ...snapshot(3, 'c'), position: { mode: 'backward', next: 4 }, skipped: 2 };
    await store.saveProgress('c', progress);
    expect(await store.loadProgress('c')).toEqual({ ...progress, epoch: (await store.epoch()).id });
    expect(await store.load('c')).toBeUndefined(); // progress is no snapshot
    await store.saveProgress('c', undefined);
    await store.saveProgress('c', undefined);
    expect(await store.loadProgress('c')).toBeUndefined();
  });

  it('rejects a missing directory option', () => {
    expect(() => createFileStateStore({ directory: '' })).toThrow(ConfigError);
  });
});
