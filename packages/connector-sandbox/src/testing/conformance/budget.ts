import assert from 'node:assert/strict';
import type { BudgetSnapshot, Connector } from '@org/connector-core';
import type { Vendor } from '../../options.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { withHarness } from './harness.js';

const isCount = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** Throws unless `b` is a {@link BudgetSnapshot} a host app can rely on. */
function assertBudget(b: BudgetSnapshot, when: string): void {
  assert.ok(Array.isArray(b.windows), `${when}: budget().windows is a list`);
  for (const w of b.windows) {
    const name = `${when}: window ${JSON.stringify(w.name)}`;
    assert.ok(typeof w.name === 'string' && w.name.length > 0, `${name} has a name`);
    assert.ok(isCount(w.limit) && w.limit > 0, `${name}: limit ${w.limit} is a positive integer`);
    assert.ok(isCount(w.remaining), `${name}: remaining ${w.remaining} is a count`);
    assert.ok(w.remaining <= w.limit, `${name}: remaining ${w.remaining} > limit ${w.limit}`);
    assert.ok(
      w.intervalMs === undefined || (Number.isFinite(w.intervalMs) && w.intervalMs > 0),
      `${name}: intervalMs ${w.intervalMs} is a positive duration`,
    );
    assert.ok(
      w.resetsAt instanceof Date && Number.isFinite(w.resetsAt.getTime()),
      `${name}: resetsAt is a valid Date`,
    );
  }
  assert.ok(
    b.pausedUntil === undefined ||
      (b.pausedUntil instanceof Date && Number.isFinite(b.pausedUntil.getTime())),
    `${when}: pausedUntil is absent or a valid Date`,
  );
  assert.doesNotThrow(() => JSON.stringify(b), `${when}: the budget serialises`);
}

async function assertEstimate(c: Connector, run: <T>(p: Promise<T>) => Promise<T>, when: string) {
  if (!c.estimateSyncCost) return;
  const cost = await run(c.estimateSyncCost());
  assert.ok(
    cost === undefined || (isCount(cost) && cost >= 1),
    `${when}: estimateSyncCost() is ${String(cost)}, not undefined or a positive call count`,
  );
}

/** `budget()` and `estimateSyncCost()`: the shapes a poller's budget check reads. */
export function budgetCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  return [
    {
      name: 'budget: budget() and estimateSyncCost() have their documented shapes, before and after a sync',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect();
          if (connector.budget) assertBudget(connector.budget(), 'before a sync');
          await assertEstimate(connector, h.run, 'before a sync');
          const before = connector.budget?.();
          const { accounts, error } = await h.list(connector);
          assert.equal(error, undefined, `the sync failed: ${String(error)}`);
          h.assertComplete(accounts);
          if (connector.budget) {
            const after = connector.budget();
            assertBudget(after, 'after a sync');
            for (const w of after.windows) {
              const was = before?.windows.find((x) => x.name === w.name);
              if (was && was.limit === w.limit && was.resetsAt.getTime() === w.resetsAt.getTime())
                assert.ok(w.remaining <= was.remaining, `window ${w.name} gained calls by syncing`);
            }
          }
          await assertEstimate(connector, h.run, 'after a sync');
          h.assertClean(connector);
        }),
    },
  ];
}
