import assert from 'node:assert/strict';
import { RateLimitError } from '@org/connector-core';
import type { SentRequest } from '@org/connector-core/testing';
import type { FaultSpec } from '../../control/faults.js';
import type { Vendor } from '../../options.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { assertError, type Harness, withHarness } from './harness.js';

/** The wait between the 429 a case injected and the request that followed it on the same URL. */
function waitAfter429(h: Harness): { waited: number; retries: number } {
  const sent = h.driver.sent;
  const i = sent.findIndex((r) => h.isUsers(r.url.pathname) && r.response?.status === 429);
  const answer = sent[i] as SentRequest;
  assert.ok(i >= 0 && answer.response, 'the sandbox answered 429');
  const again = sent
    .slice(i + 1)
    .filter((r) => r.url.search === answer.url.search && h.isUsers(r.url.pathname));
  assert.ok(again.length > 0, 'the 429 was retried');
  return { waited: (again[0] as SentRequest).at - answer.response.at, retries: again.length };
}

/** 429 and `Retry-After`: honoured on the clock, capped when huge, ignored when past or garbage. */
export function rateLimitCases<V extends Vendor>(
  adapter: ConformanceAdapter<V>,
): ConformanceCase[] {
  const backoff = (retryAfter: 'past' | 'garbage'): ConformanceCase => ({
    name: `429 with a Retry-After ${retryAfter === 'past' ? 'date in the past' : 'that is garbage'}: retried after normal backoff, neither at once nor never`,
    run: () =>
      withHarness(adapter, {}, async (h) => {
        h.fault({ kind: 'retry-after', retryAfter, after: 1 } satisfies Omit<FaultSpec, 'path'>);
        const { accounts, error } = await h.list(h.connect());
        assert.equal(error, undefined, `the listing failed: ${String(error)}`);
        h.assertComplete(accounts);
        const { waited } = waitAfter429(h);
        assert.ok(waited > 0, `the retry waited ${waited} ms: back to back`);
        assert.ok(waited <= 60_000, `the retry waited ${waited} ms: more than a backoff`);
      }),
  });
  return [
    {
      name: '429 with Retry-After: 7 waits 7 s on the clock, then lists everything',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          h.fault({ kind: '429', retryAfterSeconds: 7, after: 1 });
          const { accounts, error } = await h.list(h.connect());
          assert.equal(error, undefined, `the listing failed: ${String(error)}`);
          h.assertComplete(accounts);
          const { waited, retries } = waitAfter429(h);
          assert.ok(waited >= 7_000, `the retry came ${waited} ms after the 429, not 7 s`);
          assert.equal(retries, 1, 'the page was asked for again once');
        }),
    },
    {
      name: '429 with a huge Retry-After: RateLimitError carrying retryAfterMs at once, no retry, no wait',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect();
          h.fault({ kind: 'retry-after', retryAfter: 'huge', after: 1 });
          const before = h.clock.now();
          const { error } = await h.list(connector);
          assertError(error, RateLimitError, 'a 429 asking for a billion seconds');
          const e = error as RateLimitError;
          assert.ok(
            (e.retryAfterMs ?? 0) > 3_600_000,
            `retryAfterMs is ${e.retryAfterMs}, not what the server asked`,
          );
          const sent = h.driver.sent;
          const i = sent.findIndex((r) => h.isUsers(r.url.pathname) && r.response?.status === 429);
          assert.ok(i >= 0, 'the sandbox answered 429');
          const again = sent.slice(i + 1).filter((r) => r.url.href === sent[i]?.url.href);
          assert.equal(again.length, 0, 'the page refused with a huge Retry-After was asked again');
          assert.ok(h.clock.now() - before < 3_600_000, 'the connector waited for the huge value');
          h.assertClean(connector, error);
        }),
    },
    backoff('past'),
    backoff('garbage'),
  ];
}
