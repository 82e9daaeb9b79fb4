import { describe, expect, it } from 'vitest';
import type { BudgetSnapshot } from '../../model/connector.js';
import { createFakeConnector } from '../../testing/fake-connector.js';
import type { PollerEvent } from '../events.js';
import { createBudgetCheck } from './budget-check.js';

const MIN = 60_000;

function setup(o: {
  cost: number | undefined;
  dayLimit: number;
  remaining?: number;
  policy?: 'refuse' | 'warn' | 'ignore';
  intervalMs: number;
}) {
  const resetsAt = new Date(Date.UTC(2024, 0, 2));
  const budget = (): BudgetSnapshot => ({
    windows: [{ name: 'day', limit: o.dayLimit, remaining: o.remaining ?? o.dayLimit, resetsAt }],
  });
  const events: PollerEvent[] = [];
  const check = createBudgetCheck({
    connector: createFakeConnector({ estimateSyncCost: async () => o.cost, budget }),
    connection: 'acme',
    intervalMs: o.intervalMs,
    policy: o.policy ?? 'refuse',
    warnAt: 0.8,
    signal: new AbortController().signal,
    emit: (e) => events.push(e),
  });
  return { check, events, resetsAt };
}

describe('createBudgetCheck', () => {
  it('refuses an unsustainable interval with the shortest one that works', async () => {
    const { check } = setup({ cost: 3, dayLimit: 50, intervalMs: 15 * MIN });
    expect((await check.check())?.message).toMatch(/288 calls per day window.*1.44 h/);
    expect(check.assessment?.sustainable).toBe(false);
  });

  it('warns once per worsening level, not on every check', async () => {
    const { check, events } = setup({
      cost: 3,
      dayLimit: 50,
      intervalMs: 15 * MIN,
      policy: 'warn',
    });
    expect(await check.check()).toBeUndefined();
    expect(await check.check()).toBeUndefined();
    expect(events.filter((e) => e.type === 'budget-warning')).toHaveLength(1);
  });

  it("skips connectors that cannot be assessed, and policy 'ignore'", async () => {
    expect(
      await setup({ cost: undefined, dayLimit: 50, intervalMs: MIN }).check.check(),
    ).toBeUndefined();
    const ignored = setup({ cost: 3, dayLimit: 50, intervalMs: MIN, policy: 'ignore' });
    expect(await ignored.check.check()).toBeUndefined();
    expect(ignored.check.assessment).toBeUndefined();
  });

  it('defers a run to the window reset when fewer calls are left than a run costs', async () => {
    const short = setup({ cost: 3, dayLimit: 50, remaining: 2, intervalMs: 24 * 60 * MIN });
    expect(short.check.deferUntil(0)).toBeUndefined(); // no cost known before a check
    await short.check.check();
    expect(short.check.deferUntil(0)).toBe(short.resetsAt.getTime());
    expect(short.check.deferUntil(short.resetsAt.getTime() + 1)).toBeUndefined();
    const plenty = setup({ cost: 3, dayLimit: 50, intervalMs: 24 * 60 * MIN });
    await plenty.check.check();
    expect(plenty.check.deferUntil(0)).toBeUndefined();
  });
});
