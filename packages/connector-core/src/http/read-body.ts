/** Options of {@link readBody}. */
export interface ReadBodyOptions {
  /** Cancels the read (and the connection under it) when it aborts. */
  signal?: AbortSignal | undefined;
  /** Most bytes to accept; the read stops and fails as soon as the body passes it. */
  maxBytes: number;
}

/** Why {@link readBody} stopped before the end of the body. */
export class BodyReadStopped extends Error {
  /** `aborted` (the signal fired) or `too-large` (past `maxBytes`). */
  readonly why: 'aborted' | 'too-large';
  /** Bytes read before stopping. */
  readonly bytes: number;

  constructor(why: 'aborted' | 'too-large', bytes: number) {
    super(why === 'aborted' ? 'body read aborted' : 'body too large');
    this.why = why;
    this.bytes = bytes;
  }
}

const decoder = new TextDecoder();

/**
 * Reads a response body to text through its stream reader, counting bytes as they arrive.
 *
 * The read is cancelled by this function's own listener on `signal`, not by the abort link
 * `fetch` keeps between a request's signal and its caller's: Node's link is weak and is lost once
 * the internal `Request` is garbage collected (nodejs/node#55428), after which an abort no longer
 * stops a body that is still arriving. The listener is held strongly by `signal`, and the reader
 * by the listener, so an abort reaches the stream however long the read takes.
 *
 * @throws {@link BodyReadStopped} when the signal aborts or the body passes `maxBytes`.
 */
export async function readBody(response: Response, o: ReadBodyOptions): Promise<string> {
  const body = response.body;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > o.maxBytes) {
    await body?.cancel().catch(() => {});
    throw new BodyReadStopped('too-large', 0);
  }
  if (!body) return '';
  const reader = body.getReader();
  const signal = o.signal;
  const onAbort = () => {
    reader.cancel().catch(() => {});
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (error) {
        if (signal?.aborted) throw new BodyReadStopped('aborted', bytes);
        throw error;
      }
      if (signal?.aborted) throw new BodyReadStopped('aborted', bytes);
      const { done, value } = step;
      if (done) break;
      bytes += value.byteLength;
      if (bytes > o.maxBytes) {
        await reader.cancel().catch(() => {});
        throw new BodyReadStopped('too-large', bytes);
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes));
}
