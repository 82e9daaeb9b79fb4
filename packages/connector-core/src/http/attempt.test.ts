import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { AbortError, NetworkError, ServerError, TimeoutError } from '../errors/errors.js';
import { attempt } from './attempt.js';
import { fetchWire } from './fetch-wire.js';
import { ResponseTooLargeError } from './response-too-large.js';
import type { SendPlan } from './send.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function plan(fetch: typeof globalThis.fetch, over: Partial<SendPlan> = {}): SendPlan {
  return {
    wire: fetchWire(fetch),
    auth: {
      authorize: (r) => r.headers.set('authorization', 'Bearer t'),
      secrets: () => ['t'],
    },
    origin: 'https://api.vendor.test',
    url: new URL('https://api.vendor.test/x'),
    method: 'GET',
    headers: { accept: 'application/json' },
    omit: new Set(),
    body: undefined,
    maxBytes: 1_000,
    meta: { vendor: 'acme', endpoint: 'GET /x' },
    ...over,
  };
}

/** A fetch that never answers until its signal aborts. */
const hanging: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
  });

describe('attempt', () => {
  it('sends with the credential and reads the body', async () => {
    const sent: Headers[] = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      sent.push(init?.headers as Headers);
      return new Response('{"ok":true}', { status: 200 });
    };
    const ex = await attempt(plan(fetch), createManualClock(), 1_000, new AbortController().signal);
    expect(ex).toMatchObject({ status: 200, text: '{"ok":true}' });
    expect(sent[0]?.get('authorization')).toBe('Bearer t');
  });

  it('follows a same-origin redirect and refuses a foreign one', async () => {
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      const url = String(input);
      urls.push(url);
      if (url.endsWith('/x'))
        return new Response(null, { status: 302, headers: { location: '/y' } });
      if (url.endsWith('/y'))
        return new Response(null, { status: 302, headers: { location: 'https://evil.test/' } });
      return new Response('{}');
    };
    const error = await attempt(
      plan(fetch),
      createManualClock(),
      1_000,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect(urls).toEqual(['https://api.vendor.test/x', 'https://api.vendor.test/y']);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ retryable: false });
  });

  it('times out on the injected clock with TimeoutError', async () => {
    const clock = createManualClock();
    const p = attempt(plan(hanging), clock, 1_000, new AbortController().signal).catch(
      (e: unknown) => e,
    );
    await turn();
    await clock.advance(1_000);
    expect(await p).toBeInstanceOf(TimeoutError);
    expect(clock.pending()).toBe(0);
  });

  it("ends with AbortError when the call's signal aborts, even if fetch ignores it", async () => {
    const ignoring: typeof fetch = () => new Promise(() => {});
    const ac = new AbortController();
    const p = attempt(plan(ignoring), createManualClock(), 1_000, ac.signal).catch(
      (e: unknown) => e,
    );
    await turn();
    ac.abort();
    expect(await p).toBeInstanceOf(AbortError);
  });

  it('maps a fetch failure to NetworkError and a big body to ResponseTooLargeError', async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    };
    const clock = createManualClock();
    const signal = new AbortController().signal;
    const network = await attempt(plan(failing), clock, 1_000, signal).catch((e: unknown) => e);
    expect(network).toBeInstanceOf(NetworkError);
    expect((network as Error).message).toMatch(/ECONNRESET/);
    const big: typeof fetch = async () => new Response('x'.repeat(1_001));
    const tooLarge = await attempt(plan(big), clock, 1_000, signal).catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(ResponseTooLargeError);
    expect(tooLarge).toMatchObject({ retryable: false, maxBytes: 1_000 });
  });
});
