import { describe, expect, it } from 'vitest';
import { ConfigError, RemovalGuardError } from '../../errors/errors.js';
import type { ChangeSet } from '../change-set.js';
import type { PollerEvent } from '../events.js';
import type { Snapshot } from '../snapshot.js';
import { createRemovalGuard, maxRemovalsFor } from './removal-guard.js';

const fp = { email: 'a@example.com', name: undefined, status: 'active' as const, rawHash: 'h' };
const snapshotOf = (n: number, takenAt = 0): Snapshot => ({
  connection: 'acme',
  vendor: 'fake',
  takenAt: new Date(takenAt),
  accounts: new Map(Array.from({ length: n }, (_, i) => [`u${i}`, fp])),
});
const deltaRemoving = (n: number): ChangeSet => ({
  kind: 'delta',
  connection: 'acme',
  vendor: 'fake',
  run: 2,
  startedAt: new Date(1),
  finishedAt: new Date(2),
  total: 0,
  previousTotal: n,
  skipped: 0,
  added: [],
  changed: [],
  removed: Array.from({ length: n }, (_, i) => ({ id: `u${i}`, previous: fp })),
});

describe('maxRemovalsFor', () => {
  it('is 10 % of the previous snapshot, at least 25, unless set', () => {
    expect(maxRemovalsFor(undefined, 100)).toBe(25);
    expect(maxRemovalsFor(undefined, 1001)).toBe(101);
    expect(maxRemovalsFor(3, 1001)).toBe(3);
  });
});

describe('createRemovalGuard', () => {
  it('passes a delta within the guard and holds one over it, with an event', () => {
    const events: PollerEvent[] = [];
    const guard = createRemovalGuard({
      connection: 'acme',
      vendor: 'fake',
      maxRemovals: 2,
      emit: (e) => events.push(e),
    });
    guard.check(deltaRemoving(2), snapshotOf(0), snapshotOf(10));
    expect(guard.held).toBeUndefined();
    expect(() => guard.check(deltaRemoving(3), snapshotOf(0), snapshotOf(10))).toThrow(
      RemovalGuardError,
    );
    expect(guard.held).toMatchObject({ removals: 3, maxRemovals: 2 });
    expect(events.map((e) => e.type)).toEqual(['removals-held']);
  });

  it('confirms only against the snapshot it was compared with', () => {
    const guard = createRemovalGuard({
      connection: 'acme',
      vendor: 'fake',
      maxRemovals: 0,
      emit: () => {},
    });
    expect(() => guard.pending()).toThrow(ConfigError);
    expect(() => guard.check(deltaRemoving(1), snapshotOf(0), snapshotOf(1, 1_000))).toThrow();
    const pending = guard.pending();
    expect(() => guard.checkCurrent(pending, snapshotOf(1, 1_000))).not.toThrow();
    expect(() => guard.checkCurrent(pending, snapshotOf(1, 2_000))).toThrow(/changed since run 2/);
    expect(() => guard.checkCurrent(pending, undefined)).toThrow(ConfigError);
    guard.clear(pending);
    expect(guard.held).toBeUndefined();
  });
});
