import { fetchWire } from './fetch-wire.js';
import { nodeWire } from './node-wire.js';

/** What one hop of an attempt sends. */
export interface WireRequest {
  url: URL;
  method: string;
  /** Every header to send, the credential included. */
  headers: Headers;
  /** JSON body, serialised once; `content-type` is already in `headers`. */
  body: string | undefined;
}

/** A response whose head has arrived; its body is read (or thrown away) once. */
export interface WireResponse {
  status: number;
  headers: Headers;
  /**
   * Reads the whole body as UTF-8 text, stopping as soon as it passes `maxBytes` (counted after
   * decompression) or the signal aborts.
   *
   * @throws `BodyReadStopped` for an abort or a body past the cap, or the stream's own error.
   */
  text(maxBytes: number): Promise<string>;
  /** Throws the body away and frees the connection (a redirect's body is not read). */
  discard(): Promise<void>;
}

/**
 * Sends one request and resolves with its response's head, as soon as it arrives. Every wire
 * stops waiting and cancels the exchange from its own listener on `signal`, not from a link
 * inside `fetch` that Node can lose after a garbage collection (nodejs/node#55428).
 *
 * @throws The signal's reason when it aborts first; anything else is a network failure whose
 *   `cause` says what happened (as `fetch`'s `TypeError` does).
 */
export type Wire = (request: WireRequest, signal: AbortSignal) => Promise<WireResponse>;

/**
 * The wire every request of a connection goes over: the host's `fetch` when it passed one, else
 * `node:http` / `node:https` on Node's global keep-alive agents.
 *
 * @param doFetch - The `fetch` the host passed, if any.
 */
export function wireFor(doFetch: typeof fetch | undefined): Wire {
  return doFetch ? fetchWire(doFetch) : nodeWire;
}
