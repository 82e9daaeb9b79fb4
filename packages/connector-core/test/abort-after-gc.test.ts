import { describe, expect, it } from 'vitest';
import { abortAfterGc } from './gc/drip-scenario.js';

/**
 * Node's fetch links a request's signal to its parent through weak references; once the internal
 * `Request` is collected, an abort no longer reaches a body still arriving (nodejs/node#55428).
 * In each scenario a loopback server drips a body, a full GC runs mid-body (the test workers run
 * with `--expose-gc`), then the abort fires. The call must end and the socket must close while the
 * server keeps dripping (bounded by event-loop turns, not time).
 */
describe('deadlines and aborts after a garbage collection', () => {
  it.each([
    ['attempt', 'per-attempt timeout', 'TimeoutError'],
    ['total', 'total timeout', 'TimeoutError'],
    ['call', "the call's signal", 'AbortError'],
    ['connector', "the connector's signal", 'AbortError'],
    ['poller', 'poller.stop()', 'AbortError'],
  ])('%s: %s ends the call and closes the socket', async (scenario, _what, error) => {
    const result = await abortAfterGc(scenario);
    expect(result).toMatchObject({ scenario, settled: error, closed: true });
    expect(result.drips).toBeLessThan(200);
  });
});
