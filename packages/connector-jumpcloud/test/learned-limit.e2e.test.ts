import { createClockDriver, createManualClock } from '@org/connector-core/testing';
import { startSandbox } from '@org/connector-sandbox';
import { describe, expect, it } from 'vitest';
import { createJumpCloudConnector } from '../src/index.js';

// JumpCloud announces no limit: this sandbox allows 50 requests a (fixed) second and says so only
// with 429s and Retry-After. 12,000 users read 10 at a time, four at once: 1,200 requests, enough
// for the connection to learn the limit and live by it. Everything runs on one manual clock.
const USERS = 12_000;
const LIMIT = 50;

async function syncAgainstUnannouncedLimit() {
  const clock = createManualClock(Date.UTC(2025, 2, 1));
  const sb = await startSandbox({
    vendor: 'jumpcloud',
    seed: 51,
    size: { users: USERS, groups: 1, devices: 1, policies: 1, apps: 1, admins: 1, events: 1 },
    limits: { perMinute: { limit: LIMIT, intervalMs: 1_000 } },
    clock,
  });
  try {
    const driver = createClockDriver(clock, { fetch });
    const apiKey = sb.credentials;
    const jc = createJumpCloudConnector({
      ...apiKey,
      pageSize: 10,
      concurrency: 4,
      clock,
      fetch: driver.fetch,
      retry: { random: () => 0.5 },
    });
    const started = clock.now();
    let accounts = 0;
    await driver.run(
      (async () => {
        for await (const _ of jc.accounts()) accounts++;
      })(),
    );
    return {
      accounts,
      counters: sb.control.counters(),
      seconds: (clock.now() - started) / 1_000,
      budget: jc.budget(),
    };
  } finally {
    await sb.close();
  }
}

describe('JumpCloud: a limit nobody announced', () => {
  it('is learned from the first 429s, so almost no later request draws one', async () => {
    const { accounts, counters, seconds, budget } = await syncAgainstUnannouncedLimit();
    expect(accounts).toBe(USERS);
    const share = counters.rateLimited / counters.requests;
    // Without learning, every second starts with a burst past the limit (about 6 % of requests
    // draw a 429 at this size); the learned limit keeps it under 1 %.
    expect(share).toBeLessThan(0.01);
    // ...without crawling: at least 70 % of the server's rate over the whole sync.
    const served = counters.requests - counters.rateLimited;
    expect(served / seconds).toBeGreaterThan(0.7 * LIMIT);
    // The learned window shows in the budget.
    const learned = budget.windows.find((w) => w.name === 'learned');
    expect(learned?.limit).toBeGreaterThan(0);
    expect(learned?.limit).toBeLessThanOrEqual(LIMIT);
  });
});
