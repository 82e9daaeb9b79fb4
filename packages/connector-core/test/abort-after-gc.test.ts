import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const hooks = fileURLToPath(new URL('../src/sync/testing/ts-hooks.mjs', import.meta.url));
const child = fileURLToPath(new URL('./gc/abort-after-gc.child.ts', import.meta.url));

/**
 * Node's fetch links a request's signal to its parent through weak references; once the internal
 * `Request` is collected, an abort no longer reaches a body still arriving (nodejs/node#55428).
 * Each scenario runs in a child with `--expose-gc`: a loopback server drips a body, a full GC runs
 * mid-body, then the abort fires. The call must end and the socket must close while the server
 * keeps dripping (bounded by event-loop turns, not time).
 */
describe('deadlines and aborts after a garbage collection', () => {
  it.each([
    ['attempt', 'per-attempt timeout', 'TimeoutError'],
    ['total', 'total timeout', 'TimeoutError'],
    ['call', "the call's signal", 'AbortError'],
    ['connector', "the connector's signal", 'AbortError'],
    ['poller', 'poller.stop()', 'AbortError'],
  ])('%s: %s ends the call and closes the socket', async (scenario, _what, error) => {
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--import', hooks, child, scenario],
      { timeout: 9_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result).toMatchObject({ scenario, settled: error, closed: true });
    expect(result.drips).toBeLessThan(200);
  });
});
