import { describe, expect, it } from 'vitest';
import { AbortError, SchemaDriftError } from '../../errors/errors.js';
import { createFakeConnector, makeUsers } from '../../testing/fake-connector.js';
import type { PollerEvent } from '../events.js';
import { withSchemaDrift } from '../fake-schema-drift.js';
import { fingerprintAccount } from '../fingerprint.js';
import type { Snapshot } from '../snapshot.js';
import { collectAccounts } from './collect.js';

const run = (o: Partial<Parameters<typeof collectAccounts>[0]> = {}) => {
  const events: PollerEvent[] = [];
  const result = collectAccounts({
    connector: createFakeConnector({ users: makeUsers(5) }),
    connection: 'acme',
    run: 1,
    previous: undefined,
    signal: new AbortController().signal,
    selectRaw: undefined,
    progressEvery: 2,
    emit: (e) => events.push(e),
    now: () => 0,
    ...o,
  });
  return { result, events };
};

describe('collectAccounts', () => {
  it('reads every account with progress every n and once at the end', async () => {
    const { result, events } = run();
    expect((await result).accounts.size).toBe(5);
    expect(events.map((e) => (e.type === 'progress' ? e.seen : e.type))).toEqual([2, 4, 5]);
  });

  it('diffs against the previous snapshot', async () => {
    const connector = createFakeConnector({ users: makeUsers(3) });
    const previous: Snapshot = {
      connection: 'acme',
      vendor: 'fake',
      takenAt: new Date(0),
      accounts: new Map(
        makeUsers(3, 2).map((u) => [
          u.id,
          fingerprintAccount({
            vendor: 'fake',
            connection: 'acme',
            id: u.id,
            email: u.email,
            name: u.name,
            status: 'active',
            createdAt: undefined,
            raw: { ...u },
          }),
        ]),
      ),
    };
    const found = await run({ connector, previous }).result;
    expect(found.added.map((a) => a.id)).toEqual(['u1']);
    expect(found.removed.map((r) => r.id)).toEqual(['u4']);
  });

  it('fails with SchemaDriftError when accounts of the previous snapshot no longer map', async () => {
    const connector = createFakeConnector({ users: makeUsers(3) });
    const base = await run({ connector }).result;
    const previous: Snapshot = {
      connection: 'acme',
      vendor: 'fake',
      takenAt: new Date(0),
      accounts: base.accounts,
    };
    withSchemaDrift(connector).drop('u2');
    await expect(run({ connector, previous }).result).rejects.toBeInstanceOf(SchemaDriftError);
  });

  it('stops at once when the signal aborts, even for a connector that ignores it', async () => {
    const connector = createFakeConnector({ users: makeUsers(3) });
    const gate = connector.pauseNextRun(1);
    const stop = new AbortController();
    const { result } = run({ connector, signal: stop.signal });
    await gate.reached;
    stop.abort();
    await expect(result).rejects.toBeInstanceOf(AbortError);
    gate.release();
  });
});
