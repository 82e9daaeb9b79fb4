import { ValidationError } from '@org/connector-core';
import { createClockDriver, createManualClock } from '@org/connector-core/testing';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createJumpCloudConnector, type JumpCloudConnectorOptions } from '../src/index.js';
import { readAll } from './helpers/oracle.js';

// The sandbox's reference time: Directory Insights events are the 30 days before it.
const EPOCH = Date.UTC(2025, 2, 1);

let sb: Sandbox<'jumpcloud'> | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

/**
 * A sandbox and a connector on one manual clock. Timeouts, Retry-After waits and backoffs pass in
 * simulated time; `run` drives it, counting an injected hang as a request the server never answers.
 */
async function setup(users: number, extra: Partial<JumpCloudConnectorOptions> = {}) {
  const clock = createManualClock(EPOCH);
  const sandbox = await startSandbox({
    vendor: 'jumpcloud',
    seed: 7,
    size: { users, groups: 10, devices: 50 },
    limits: false,
    clock,
    epochMs: EPOCH,
  });
  sb = sandbox;
  const c = sandbox.credentials;
  const headers = { 'x-api-key': c.apiKey, 'x-org-id': c.orgId };
  const firstPages: string[] = [];
  const driverFor = (inner: typeof fetch) =>
    createClockDriver(clock, {
      fetch: inner,
      held: () => sandbox.control.counters().status.hang ?? 0,
    });
  const driver = driverFor(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === '/api/systemusers' && url.searchParams.get('skip') === '0') {
      firstPages.push(url.search);
    }
    return fetch(input, init);
  });
  const jc = createJumpCloudConnector({
    apiKey: c.apiKey,
    orgId: c.orgId,
    baseUrl: c.baseUrl,
    insightsBaseUrl: c.insightsBaseUrl,
    retry: { limit: 8, baseDelayMs: 1, maxDelayMs: 20, random: () => 0.5 },
    clock,
    fetch: driver.fetch,
    ...extra,
  });
  const oracle = (
    await readAll(sandbox.url, 'api/systemusers', headers, { v1: true, sort: '_id' })
  ).map((u) => String(u._id));
  return { sb: sandbox, jc, oracle, firstPages, clock, run: driver.run, driverFor };
}

describe('users added and removed during a skip-paged sync', () => {
  it('returns no duplicate and every user present throughout, by re-reading after a shift', async () => {
    const { sb, jc, oracle, firstPages, run } = await setup(3_000);
    const behind = oracle.slice(100, 110); // already read when they are removed: rows shift left
    const ahead = oracle.slice(2_500, 2_510); // not read yet
    const got: string[] = [];
    let added: string[] = [];
    await run(
      (async () => {
        for await (const account of jc.accounts()) {
          got.push(account.id);
          if (got.length === 1_000) {
            sb.control.removeUsers([...behind, ...ahead]);
            added = sb.control.addUsers(25).map((u) => String(u.id));
          }
        }
      })(),
    );
    const removed = new Set([...behind, ...ahead]);
    expect(new Set(got).size).toBe(got.length);
    const survivors = oracle.filter((id) => !removed.has(id));
    expect(got).toEqual(expect.arrayContaining(survivors));
    expect(got).toEqual(expect.arrayContaining(added));
    const known = new Set([...oracle, ...added]);
    expect(got.every((id) => known.has(id))).toBe(true);
    // The shift was detected; the rest was read backward once (its first page, then from the last
    // page down to the first again), yielding only unseen users.
    expect(firstPages).toHaveLength(3);
  });

  it('reads the list once when rows are only added at the end', async () => {
    const { sb, jc, oracle, firstPages, run } = await setup(2_000);
    const got: string[] = [];
    let added: string[] = [];
    await run(
      (async () => {
        for await (const user of jc.users.list()) {
          got.push(user._id);
          if (got.length === 500) added = sb.control.addUsers(150).map((u) => String(u.id));
        }
      })(),
    );
    expect(got).toEqual([...oracle, ...added]);
    expect(firstPages).toHaveLength(1);
  });

  it('lists every user present throughout when rows shift on every pass', async () => {
    const { sb, oracle, clock, driverFor } = await setup(1_500);
    const c = sb.credentials;
    let next = 0;
    // Whenever a pass reaches its fifth page, one of the first rows disappears.
    const driver = driverFor(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.searchParams.get('skip') === '396')
        sb.control.removeUsers([oracle[next++] as string]);
      return fetch(input, init);
    });
    const jc = createJumpCloudConnector({
      apiKey: c.apiKey,
      orgId: c.orgId,
      baseUrl: c.baseUrl,
      concurrency: 1,
      clock,
      fetch: driver.fetch,
    });
    const got: string[] = [];
    await driver.run(
      (async () => {
        for await (const user of jc.users.list()) got.push(user._id);
      })(),
    );
    // Restarting passes would never finish here (each loses a row before its fifth page); the
    // backward read after the first does, whatever shifts.
    expect(next).toBeGreaterThanOrEqual(2);
    expect(new Set(got).size).toBe(got.length);
    const removed = new Set(oracle.slice(0, next));
    expect(oracle.filter((id) => !removed.has(id)).filter((id) => !got.includes(id))).toEqual([]);
  });
});

describe('faults in the middle of a sync', () => {
  it('loses nothing through 500s, resets, 429s, truncated and HTML bodies and a hang', async () => {
    const { sb, jc, oracle, clock, run } = await setup(3_000, { timeout: { perAttemptMs: 500 } });
    const path = '/api/systemusers';
    sb.control.fault({ kind: '500', path, after: 3, times: 2 });
    sb.control.fault({ kind: 'reset', path, after: 6 });
    sb.control.fault({ kind: '429', path, after: 9, times: 2, retryAfterSeconds: 0 });
    sb.control.fault({ kind: 'truncated', path, after: 12 });
    sb.control.fault({ kind: 'html', path, after: 15, status: 502 });
    sb.control.fault({ kind: '503', path, after: 18, retryAfterSeconds: 0 });
    sb.control.fault({ kind: 'hang', path, after: 21 });
    const started = clock.now();
    const got: string[] = [];
    await run(
      (async () => {
        for await (const account of jc.accounts()) got.push(account.id);
      })(),
    );
    expect(got).toEqual(oracle);
    // The hung attempt was given up after its 500 ms timeout, in simulated time.
    expect(clock.now() - started).toBeGreaterThanOrEqual(500);
    const status = sb.control.counters().status;
    expect(status['500']).toBe(2);
    expect(status['429']).toBe(2);
    expect(status.reset).toBe(1);
    expect(status.hang).toBe(1);
  });

  it('retries Directory Insights pages without repeating or skipping an event', async () => {
    const { sb, jc, run } = await setup(100);
    const end = new Date(EPOCH);
    const start = new Date(end.getTime() - 30 * 86_400_000);
    const clean = await run(jc.events.list({ start, end, limit: 50 }).toArray());
    sb.control.fault({ kind: '503', path: '/events', after: 2, times: 2, retryAfterSeconds: 0 });
    sb.control.fault({ kind: 'reset', path: '/events', after: 8 });
    const faulty = await run(jc.events.list({ start, end, limit: 50 }).toArray());
    expect(faulty.map((e) => e.id)).toEqual(clean.map((e) => e.id));
    expect(clean.length).toBeGreaterThan(1_000);
  });

  it('stops on schema drift with a ValidationError naming the field, then a clean re-sync is complete', async () => {
    const { sb, jc, oracle, run } = await setup(1_000);
    sb.control.fault({
      kind: 'drift',
      path: '/api/systemusers',
      after: 4,
      drift: { remove: 'email' },
    });
    const got: string[] = [];
    const error = await run(
      (async () => {
        for await (const a of jc.accounts()) got.push(a.id);
      })(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toMatch(/^\$\.results\[0\]\.email$/);
    expect(JSON.stringify(error)).not.toContain(sb.credentials.apiKey);
    expect(got.length).toBeLessThan(oracle.length);
    const again: string[] = [];
    await run(
      (async () => {
        for await (const a of jc.accounts()) again.push(a.id);
      })(),
    );
    expect(again).toEqual(oracle);
  });
});
