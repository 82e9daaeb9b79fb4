import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, StateLockedError } from '../errors/errors.js';
import { createFakeConnector, makeUsers } from '../testing/fake-connector.js';
import { deleteConnection } from './delete-connection.js';
import { createFileStateStore } from './file-store.js';
import { createMemoryStateStore } from './memory-store.js';
import { createPoller } from './poller.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delete-connection-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('deleteConnection', () => {
  it('removes every trace of the connection from a file store, and says what is left at the vendor', async () => {
    const store = createFileStateStore({ directory: dir });
    const connector = Object.assign(createFakeConnector({ name: 'acme', users: makeUsers(3) }), {
      revokeAccess: 'Delete the token in Fake › Settings.',
    });
    await createPoller({ connector, store, intervalMs: 60_000 }).runOnce();
    await createPoller({
      connector: createFakeConnector({ name: 'other', users: makeUsers(1) }),
      store,
      intervalMs: 60_000,
    }).runOnce();
    expect((await readdir(dir)).filter((f) => f.includes('acme')).sort()).toEqual([
      'snapshot-acme.jsonl',
      'status-acme.json',
    ]);
    const report = await deleteConnection({ connection: 'acme', stores: [store], connector });
    expect(report).toEqual({
      connection: 'acme',
      // The lock is the one deleteConnection took, so that no poller wrote meanwhile.
      removed: ['snapshot-acme.jsonl', 'status-acme.json', 'snapshot-acme.lock'].map((f) =>
        join(dir, f),
      ),
      atVendor: 'Delete the token in Fake › Settings.',
    });
    expect((await readdir(dir)).filter((f) => f.includes('acme'))).toEqual([]);
    expect(await store.load('other')).toBeDefined(); // the others stay
  });

  it('refuses while a poller holds the connection, and a store that cannot delete', async () => {
    const store = createMemoryStateStore();
    const poller = createPoller({
      connector: createFakeConnector({ name: 'acme', users: makeUsers(1) }),
      store,
      intervalMs: 60_000,
    });
    await poller.start();
    await poller.runOnce();
    await expect(deleteConnection({ connection: 'acme', stores: [store] })).rejects.toBeInstanceOf(
      StateLockedError,
    );
    await poller.stop();
    const report = await deleteConnection({ connection: 'acme', stores: [store] });
    expect(report.removed).toContain('memory:acme:snapshot');
    expect(report.atVendor).toMatch(/Revoke the credential/);
    expect(await store.load('acme')).toBeUndefined();
    await expect(
      deleteConnection({ connection: 'acme', stores: [{ load: async () => undefined } as never] }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});
