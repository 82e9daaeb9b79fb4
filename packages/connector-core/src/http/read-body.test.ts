import { describe, expect, it } from 'vitest';
import { BodyReadStopped, readBody } from './read-body.js';

/** A response whose body is `chunks`, streamed lazily; records whether it was cancelled. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) controller.close();
      else {
        state.pulled++;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      }
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(body, { headers }), state };
}

describe('readBody', () => {
  it('reads a body of several chunks to text', async () => {
    const { response } = streamed(3, 4);
    expect(await readBody(response, { maxBytes: 100 })).toBe(' '.repeat(12));
  });

  it('stops at the first chunk past the cap and cancels the stream', async () => {
    const { response, state } = streamed(1_000, 1_024);
    const error = await readBody(response, { maxBytes: 4_096 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyReadStopped);
    expect((error as BodyReadStopped).why).toBe('too-large');
    expect(state.pulled).toBeLessThanOrEqual(6);
    expect(state.cancelled).toBe(true);
  });

  it('refuses a declared content-length past the cap without reading', async () => {
    const { response, state } = streamed(10, 10, { 'content-length': '100' });
    await expect(readBody(response, { maxBytes: 99 })).rejects.toMatchObject({ why: 'too-large' });
    expect(state.pulled).toBeLessThanOrEqual(1);
    expect(state.cancelled).toBe(true);
  });

  it('cancels the stream itself when the signal aborts mid-body', async () => {
    const state = { cancelled: false };
    let push: ((c: Uint8Array) => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (c) => controller.enqueue(c);
      },
      cancel() {
        state.cancelled = true;
      },
    });
    const ac = new AbortController();
    const reading = readBody(new Response(body), { maxBytes: 100, signal: ac.signal });
    push?.(new Uint8Array([0x5b]));
    await new Promise((r) => setImmediate(r));
    ac.abort();
    await expect(reading).rejects.toMatchObject({ why: 'aborted' });
    expect(state.cancelled).toBe(true);
  });
});
