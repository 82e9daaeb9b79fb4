import { untilAborted } from '../internal/abort.js';
import { readBody } from './read-body.js';
import type { Wire } from './wire.js';

/**
 * A {@link Wire} over a `fetch` the host app supplied (a proxy-aware one, instrumentation, a test
 * double). Waiting for the headers is raced against `signal` here, a response that arrives after an
 * abort has its body cancelled, and the body is read by {@link readBody}, which cancels the stream
 * itself: none of it relies on `fetch` keeping its internal request linked to `signal`.
 */
export function fetchWire(doFetch: typeof fetch): Wire {
  return async (req, signal) => {
    const pending = doFetch(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      signal,
      // Redirects are followed by the caller, so credentials never follow one to another origin.
      redirect: 'manual',
    });
    // A response that arrives after we stopped waiting must not keep its connection reading.
    pending.then(
      (late) => {
        if (signal.aborted) late.body?.cancel().catch(() => {});
      },
      () => {},
    );
    const response = await untilAborted(pending, signal);
    return {
      status: response.status,
      headers: response.headers,
      text: (maxBytes) => readBody(response, { signal, maxBytes }),
      discard: async () => {
        await response.body?.cancel().catch(() => {});
      },
    };
  };
}
