import { createClockDriver } from '@org/connector-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';

/** A clock whose timers fire only when the driver moves it. */
function timersClock(start = 1_000) {
  let now = start;
  const timers: Array<{ at: number; fire: () => void }> = [];
  return {
    now: () => now,
    pending: () => timers.length,
    async next() {
      timers.sort((a, b) => a.at - b.at);
      const t = timers.shift();
      if (!t) return false;
      now = Math.max(now, t.at);
      t.fire();
      return true;
    },
    sleep: (ms: number) =>
      new Promise<void>((resolve) => timers.push({ at: now + ms, fire: resolve })),
  };
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('createClockDriver', () => {
  it('fires timers only between requests and records what was sent', async () => {
    sandbox = await startSandbox({ vendor: 'jumpcloud', size: { users: 5 } });
    const clock = timersClock();
    const driver = createClockDriver(clock);
    const url = `${sandbox.url}/api/systemusers?limit=5`;
    const headers = { 'x-api-key': (sandbox.credentials as { apiKey: string }).apiKey };
    const statuses = await driver.run(
      (async () => {
        const first = await driver.fetch(url, { headers });
        await clock.sleep(60_000); // a minute of backoff, on the driven clock
        const second = await driver.fetch(`${sandbox?.url}/api/nope`, { headers });
        return [first.status, second.status];
      })(),
    );
    expect(statuses).toEqual([200, 404]);
    expect(clock.now()).toBe(61_000);
    expect(driver.sent.map((r) => [r.url.pathname, r.at, r.response?.status])).toEqual([
      ['/api/systemusers', 1_000, 200],
      ['/api/nope', 61_000, 404],
    ]);
    expect(driver.sent[1]?.response?.errorText).toBeTruthy();
    expect(driver.peak()).toBe(1);
  });
});
