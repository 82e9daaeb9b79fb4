import assert from 'node:assert/strict';
import { createMemoryStateStore, createPoller } from '@org/connector-core';
import type { Vendor } from '../../options.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { type Harness, withHarness } from './harness.js';

const USERS = 1_000;
const REMOVE = 7;
const ADD = 5;

/**
 * Takes the tenant's users from the sandbox, then makes every users-list request after the first
 * remove {@link REMOVE} users and add {@link ADD} (and, with `change`, change that many users
 * alive throughout, which moves them to the end of a storage order). Every third user (in id
 * order) lives throughout; the others are removed in id order, the lowest first (the most
 * shifting for offset paging).
 */
export async function churn(h: Harness, o: { change?: number } = {}) {
  const ids = h.truth();
  const survivors = new Set(ids.filter((_, i) => i % 3 === 0));
  const doomed = ids.filter((id) => !survivors.has(id));
  const changeable = [...survivors];
  const removed = new Set<string>();
  const arm = () => {
    let first = true;
    h.beforeRequest = (url) => {
      if (!h.isUsers(url.pathname)) return;
      if (first) {
        first = false;
        return;
      }
      const gone = doomed.splice(0, REMOVE);
      h.sandbox.control.removeUsers(gone);
      for (const id of gone) removed.add(id);
      h.sandbox.control.addUsers(ADD);
      for (const id of changeable.splice(0, o.change ?? 0)) {
        h.sandbox.control.updateUser(id, { department: 'changed mid-sync' });
      }
    };
  };
  return { survivors, removed, arm };
}

/**
 * Lists accounts while users are added and removed (and, with `change`, changed) between every
 * page request: every user alive for the whole sync is listed, once.
 */
export async function assertListsSurvivors(h: Harness, o: { change?: number } = {}): Promise<void> {
  const { survivors, removed, arm } = await churn(h, o);
  arm();
  const { accounts, error } = await h.list(h.connect());
  assert.equal(error, undefined, `the listing failed: ${String(error)}`);
  assert.ok(removed.size > 0, 'users were removed mid-listing (it had several pages)');
  const ids = accounts.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length, 'an account was listed twice');
  const listed = new Set(ids);
  const missing = [...survivors].filter((id) => !listed.has(id));
  assert.deepEqual(missing, [], `${missing.length} users alive throughout were not listed`);
}

/**
 * Polls a baseline, then a run while users are added and removed between every page request
 * (and, with `change`, that many users alive throughout are changed too, which moves them to the
 * end of a storage order): the poller reports no removal that did not happen.
 */
export async function assertNoFalseRemovals(h: Harness, o: { change?: number } = {}) {
  const { survivors, removed, arm } = await churn(h, o);
  const poller = createPoller({
    connector: h.connect(),
    store: createMemoryStateStore({ clock: h.clock }),
    intervalMs: 3_600_000,
    clock: h.clock,
    maxRemovals: Number.POSITIVE_INFINITY,
  });
  try {
    const baseline = await h.run(poller.runOnce());
    assert.equal(baseline.total, h.truth().length, 'the baseline has every account');
    arm();
    const delta = await h.run(poller.runOnce());
    assert.ok(removed.size > 0, 'users were removed mid-sync (it had several pages)');
    const wrong = delta.removed.map((r) => r.id).filter((id) => survivors.has(id));
    assert.deepEqual(wrong, [], `the poller reported ${wrong.length} live users removed`);
    const unexplained = delta.removed.map((r) => r.id).filter((id) => !removed.has(id));
    assert.deepEqual(unexplained, [], 'the poller reported removals nobody made');
  } finally {
    await poller.stop();
  }
}

/** Users added and removed between every page request: nobody alive throughout is lost. */
export function mutationCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  return [
    {
      name: 'mid-sync mutation: with users added and removed between every page request, every user alive for the whole sync is listed, once',
      run: () => withHarness(adapter, { users: USERS }, assertListsSurvivors),
    },
    {
      name: 'mid-sync mutation: a poller never reports the removal of a user alive for the whole sync',
      run: () => withHarness(adapter, { users: USERS }, (h) => assertNoFalseRemovals(h)),
    },
  ];
}
