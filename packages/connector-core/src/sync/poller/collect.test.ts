import { describe, expect, it } from 'vitest';
import { AbortError, SchemaDriftError } from '../../errors/errors.js';
import type { CallOptions, Connector } from '../../model/connector.js';
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

/** The snapshot of an earlier run that read `accounts`. */
const previousOf = (accounts: Snapshot['accounts']): Snapshot => ({
  connection: 'acme',
  vendor: 'fake',
  takenAt: new Date(0),
  accounts,
});

describe('collectAccounts', () => {
  it('reads every account with progress every n and once at the end', async () => {
    const { result, events } = run();
    expect((await result).accounts.size).toBe(5);
    expect(events.map((e) => (e.type === 'progress' ? e.seen : e.type))).toEqual([2, 4, 5]);
  });

  it('diffs against the previous snapshot', async () => {
    const connector = createFakeConnector({ users: makeUsers(3) });
    const previous = previousOf(
      new Map(
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
    );
    const found = await run({ connector, previous }).result;
    expect(found.added.map((a) => a.id)).toEqual(['u1']);
    expect(found.removed.map((r) => r.id)).toEqual(['u4']);
  });

  it('fails with SchemaDriftError when accounts of the previous snapshot no longer map', async () => {
    const connector = createFakeConnector({ users: makeUsers(3) });
    const base = await run({ connector }).result;
    const previous = previousOf(base.accounts);
    withSchemaDrift(connector).drop('u2');
    await expect(run({ connector, previous }).result).rejects.toBeInstanceOf(SchemaDriftError);
  });

  it('withholds the removals of a listing that could not prove it missed nothing, and says so', async () => {
    const full = createFakeConnector({ users: makeUsers(4) });
    const previous = previousOf((await run({ connector: full }).result).accounts);
    full.remove('u2');
    const listing = { vendor: 'fake', endpoint: 'GET /users', order: 'none', reason: 'no order' };
    const unproven: Connector = {
      ...full,
      async *accounts(options?: CallOptions) {
        yield* full.accounts(options);
        options?.onUnprovenListing?.({ ...listing, order: 'none' });
      },
    };
    const { result, events } = run({ connector: unproven, previous });
    const found = await result;
    expect(found.removed).toEqual([]);
    expect(found.withheldRemovals).toBe(1);
    expect(found.accounts.has('u2')).toBe(true); // kept, for a proven run to tell
    expect(events.at(-1)).toMatchObject({
      type: 'removals-withheld',
      removals: 1,
      reason: 'fake GET /users: no order',
    });
    // A proven listing reports the removal as usual.
    const proven = await run({ connector: full, previous }).result;
    expect(proven.removed.map((r) => r.id)).toEqual(['u2']);
    expect(proven.withheldRemovals).toBeUndefined();
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
