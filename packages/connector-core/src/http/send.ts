import type { AuthRequest, AuthStrategy } from '../auth/auth-strategy.js';
import { ServerError } from '../errors/errors.js';
import { untilAborted } from '../internal/abort.js';
import { authorize } from './authorize.js';
import type { CallMeta, Exchange } from './exchange.js';
import { readBody } from './read-body.js';
import { isRedirect, redirectDecision } from './redirect-policy.js';

/** Everything one attempt of a call sends. Built once per call, sent once per attempt. */
export interface SendPlan {
  fetch: typeof fetch;
  auth: AuthStrategy | undefined;
  /** The configured origin: the only one credentials and redirects may go to. */
  origin: string;
  url: URL;
  method: string;
  /** Lower-cased headers of the call, before the credential. */
  headers: Readonly<Record<string, string>>;
  /** Header names the call removed on purpose; the auth strategy must not add them back. */
  omit: ReadonlySet<string>;
  /** JSON body, serialised once. */
  body: string | undefined;
  /** Most bytes a response body may have. */
  maxBytes: number;
  meta: CallMeta;
}

/**
 * Sends one attempt with `fetch`, following same-origin redirects, and reads the whole body.
 *
 * Aborts do not rely on `fetch` keeping its internal request linked to `signal` (Node loses that
 * link after a garbage collection, nodejs/node#55428): waiting for the headers is raced against
 * `signal` here, a response that arrives after an abort has its body cancelled, and the body is
 * read by {@link readBody}, which cancels the stream itself.
 *
 * @throws Whatever `fetch` throws, a {@link ServerError} for a redirect not followed, or a
 *   `BodyReadStopped` when the signal aborts or the body is too large.
 */
export async function send(plan: SendPlan, signal: AbortSignal): Promise<Exchange> {
  let target = plan.url;
  let method = plan.method;
  let body = plan.body;
  for (let hop = 0; ; hop++) {
    const headers = new Headers(plan.headers);
    if (body !== undefined) headers.set('content-type', 'application/json');
    const request: AuthRequest = { url: target.href, method, headers };
    await authorize(plan.auth, request, target, plan.origin, {
      signal,
      omitHeaders: plan.omit,
    });
    const pending = plan.fetch(target, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal,
      // Redirects are followed below, so credentials never follow one to another origin.
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
    const location = response.headers.get('location');
    if (isRedirect(response.status, location)) {
      await response.body?.cancel().catch(() => {});
      const next = redirectDecision(response.status, location, target, plan.origin, method, hop);
      if (!next.follow) {
        throw new ServerError(
          `${plan.meta.vendor} ${plan.meta.endpoint} redirected ${next.reason === 'too often' ? 'too often' : 'to another origin'}; not followed`,
          { ...plan.meta, status: response.status, retryable: false },
        );
      }
      target = next.url;
      method = next.method;
      if (next.dropBody) body = undefined;
      continue;
    }
    const text = await readBody(response, { signal, maxBytes: plan.maxBytes });
    return { status: response.status, headers: response.headers, text, request };
  }
}
