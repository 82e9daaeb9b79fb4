import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  deleteConnection,
  StateLockedError,
  type StateStore,
  StoreError,
} from '@org/connector-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureGraph } from '../../test/graph-fixture.js';
import { createFileGraphStore } from './file-store.js';
import { createMemoryLocks } from './memory-lock.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'graph-store-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('createFileGraphStore', () => {
  it('saves and loads a graph unchanged, owner-readable only, leaving no temporary file', async () => {
    const store = createFileGraphStore({ directory });
    const graph = fixtureGraph({ incomplete: ['groupMembers'] });
    await store.save('main', graph);
    const loaded = await store.load('main');
    expect(loaded).toEqual(graph);
    const files = await readdir(directory);
    expect(files).toEqual(['graph-main.jsonl']);
    expect((await stat(join(directory, files[0] as string))).mode & 0o777).toBe(0o600);
  });

  it('removes the temporary file a killed writer left, and only that one', async () => {
    const store = createFileGraphStore({ directory });
    await store.save('main', fixtureGraph());
    // A pid above the kernel's pid_max cannot be running.
    const stale = '.graph-main.jsonl.4194999.deadbeef.tmp';
    const live = `.graph-main.jsonl.${process.ppid}.cafebabe.tmp`;
    await writeFile(join(directory, stale), 'half a graph');
    await writeFile(join(directory, live), 'another writer, still running');
    await store.save('main', fixtureGraph());
    expect((await readdir(directory)).sort()).toEqual([live, 'graph-main.jsonl']);
  });

  it('deletes a graph with core deleteConnection, saying what it removed', async () => {
    const store = createFileGraphStore({ directory });
    await store.save('main', fixtureGraph());
    await store.save('other', fixtureGraph());
    const report = await deleteConnection({ connection: 'main', stores: [store] });
    expect(report.removed).toEqual([join(directory, 'graph-main.jsonl')]);
    expect(await store.load('main')).toBeUndefined();
    expect(await store.load('other')).toBeDefined();
    expect(await store.delete?.('main')).toEqual([]);
  });

  it('has nothing for a name never saved', async () => {
    expect(await createFileGraphStore({ directory }).load('none')).toBeUndefined();
  });

  it('rejects a truncated or tampered file with a ConfigError', async () => {
    const store = createFileGraphStore({ directory });
    await store.save('main', fixtureGraph());
    const path = join(directory, 'graph-main.jsonl');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    await writeFile(path, `${lines.slice(0, -1).join('\n')}\n`);
    await expect(store.load('main')).rejects.toThrow(ConfigError);
    await writeFile(path, `${lines[0]}\n["e",{"_key":1}]\n`);
    await expect(store.load('main')).rejects.toThrow(/line 2: bad entity/);
  });

  it('refuses a graph stored by an older graph model instead of diffing it', async () => {
    const store = createFileGraphStore({ directory });
    await store.save('main', fixtureGraph());
    const path = join(directory, 'graph-main.jsonl');
    const [header, ...rest] = (await readFile(path, 'utf8')).trim().split('\n');
    const old = { ...JSON.parse(String(header)), version: 1 };
    await writeFile(path, `${[JSON.stringify(old), ...rest].join('\n')}\n`);
    await expect(store.load('main')).rejects.toThrow(
      /stored by graph model 1; this version reads model 2\); delete it to start a new baseline/,
    );
  });

  it('reports a save it cannot write as a StoreError naming the path', async () => {
    await writeFile(join(directory, 'blocker'), 'a file, not a directory');
    const store = createFileGraphStore({ directory: join(directory, 'blocker') });
    const error = await store.save('main', fixtureGraph()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).location).toContain('graph-main.jsonl');
  });

  it('takes writer locks from a core state store when given one', async () => {
    const locks: Pick<StateStore, 'lock'> = { lock: createMemoryLocks() };
    const store = createFileGraphStore({ directory, locks });
    const held = await store.lock?.('main', { ttlMs: 1000 });
    await expect(store.lock?.('main', { ttlMs: 1000 })).rejects.toThrow(StateLockedError);
    await held?.release();
    await expect(store.lock?.('main', { ttlMs: 1000 })).resolves.toBeDefined();
    expect(createFileGraphStore({ directory }).lock).toBeUndefined();
  });
});

describe('createMemoryLocks', () => {
  it('lets a lapsed lease be taken over and tells the old holder on renew', async () => {
    let now = 0;
    const lock = createMemoryLocks(() => now);
    const first = await lock('g', { ttlMs: 100 });
    await expect(lock('g', { ttlMs: 100 })).rejects.toMatchObject({ holder: first.owner });
    now = 150;
    const second = await lock('g', { ttlMs: 100 });
    await expect(first.renew()).rejects.toThrow(StateLockedError);
    await first.release();
    await expect(lock('g', { ttlMs: 100 })).rejects.toMatchObject({ holder: second.owner });
  });
});
