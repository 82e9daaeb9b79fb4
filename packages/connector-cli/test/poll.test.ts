import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Collector, run } from './helpers/run.js';
import { createSkipClock } from './helpers/skip-clock.js';
import { startTenants, type Tenants } from './helpers/tenants.js';

let t: Tenants;
let state: string;
beforeAll(async () => {
  t = await startTenants(11);
});
afterAll(() => t.close());
beforeEach(async () => {
  state = await mkdtemp(join(tmpdir(), 'poll-state-'));
});
afterEach(() => rm(state, { recursive: true, force: true }));

describe('status and delete', () => {
  it('status tells each connection as poll left it; delete removes its state and says what to revoke', async () => {
    const o = { env: t.env, cwd: t.dir };
    expect((await run(['poll', '--once', '--state', state, '--only', 'kandji-main'], o)).code).toBe(
      0,
    );
    const status = await run(['status', '--state', state, '--only', 'kandji-main,hexnode-main'], o);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      /^hexnode-main: never polled\nkandji-main: healthy, last success \S+Z\n$/,
    );

    const refused = await run(['delete', '--state', state], o);
    expect(refused.code).toBe(2);
    const deleted = await run(['delete', '--state', state, '--only', 'kandji-main'], o);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(
      /^kandji-main: deleted 3 files of its state\n {2}still to do: In Kandji, Settings › Access › API Token: delete the token/,
    );
    expect((await readdir(state)).filter((f) => f.includes('kandji-main'))).toEqual([]);
  });
});

describe('poll --once', () => {
  it('records a baseline, then reports what changed since, from the state directory', async () => {
    const o = { env: t.env, cwd: t.dir };
    const first = await run(['poll', '--once', '--state', state, '--only', 'kandji-main'], o);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^\S+Z kandji-main run 1: baseline of 14 accounts\n$/);
    // The snapshot, the store's epoch and the connection's status.
    expect((await readdir(state)).sort()).toEqual([
      'epoch.json',
      'snapshot-kandji-main.jsonl',
      'status-kandji-main.json',
    ]);

    const [hire] = t.kandji.control.addUsers(1);
    const second = await run(
      ['poll', '--once', '--json', '--state', state, '--only', 'kandji-main'],
      o,
    );
    expect(second.code).toBe(0);
    const set = JSON.parse(second.stdout) as Record<string, unknown>;
    expect(set).toMatchObject({
      connection: 'kandji-main',
      vendor: 'kandji',
      kind: 'delta',
      total: 15,
      previousTotal: 14,
    });
    expect(set.added).toEqual([
      expect.objectContaining({ id: String(hire?.id), connection: 'kandji-main' }),
    ]);
    expect(set.changed).toEqual([]);
    expect(set.removed).toEqual([]);
  });

  it('exits 3 naming the connection when a run fails, and saves nothing', async () => {
    const r = await run(['poll', '--once', '--state', state, '--only', 'jumpcloud-main'], {
      env: { ...t.env, JC_API_KEY: 'not-the-key' },
      cwd: t.dir,
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^jumpcloud-main: authentication: /m);
    // No snapshot: only the status, which says a person must reconnect it.
    expect((await readdir(state)).filter((f) => f.startsWith('snapshot-'))).toEqual([]);
    const status = await run(['status', '--json', '--state', state, '--only', 'jumpcloud-main'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(status.code).toBe(3);
    expect(JSON.parse(status.stdout)).toEqual([
      expect.objectContaining({
        connection: 'jumpcloud-main',
        health: 'needs-reconnect',
        lastError: expect.objectContaining({ code: 'authentication', userAction: 'reconnect' }),
      }),
    ]);
    expect(status.stdout).not.toContain('not-the-key');
  });
});

describe('poll', () => {
  it('polls on the interval until it has done --runs runs of each connection', async () => {
    const clock = createSkipClock(10 * 60_000);
    const stdout = new Collector();
    const running = run(
      [
        'poll',
        '--interval',
        '1h',
        '--runs',
        '2',
        '--state',
        state,
        '--only',
        'jumpcloud-main,hexnode-main',
      ],
      { env: t.env, cwd: t.dir, clock, stdout },
    );
    await stdout.until(/jumpcloud-main run 1: baseline/);
    await stdout.until(/hexnode-main run 1: baseline/);
    const [user] = t.jumpcloud.control.addUsers(1);
    // Nothing runs before the interval is over.
    clock.skip(50 * 60_000);
    expect(stdout.text).not.toContain('run 2');
    // An hour and its jitter (at most 10 %) after the first runs, each connection runs again.
    clock.skip(16 * 60_000);
    const r = await running;
    expect(r.stderr).toMatch(
      /^polling 2 connections every 3600 s; state in \S+; Ctrl-C to stop\n$/,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `jumpcloud-main run 2: 1 added, 0 changed, 0 removed \\(11 accounts\\)\\n  \\+ ${user?.email}`,
      ),
    );
    expect(r.stdout).toMatch(/hexnode-main run 2: 0 added, 0 changed, 0 removed \(11 accounts\)/);
  });

  it('refuses an interval the rate budget cannot sustain (exit 2), naming one it can', async () => {
    const r = await run(['poll', '--interval', '1s', '--state', state, '--only', 'hexnode-main'], {
      env: t.env,
      cwd: t.dir,
      clock: createSkipClock(10 * 60_000),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hexnode-main: config: .+/m);
  });

  it('stops on Ctrl-C between runs and exits 130', async () => {
    const controller = new AbortController();
    const clock = createSkipClock(10 * 60_000);
    const stdout = new Collector();
    const running = run(['poll', '--state', state, '--only', 'kandji-main', '-q'], {
      env: t.env,
      cwd: t.dir,
      clock,
      signal: controller.signal,
      stdout,
    });
    await stdout.until(/baseline/);
    controller.abort();
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('connector-kit: interrupted\n');
  });
});
