import type { AuthRequest, AuthStrategy } from '../auth/auth-strategy.js';
import { ServerError } from '../errors/errors.js';
import { authorize } from './authorize.js';
import type { CallMeta, Exchange } from './exchange.js';
import { isRedirect, redirectDecision } from './redirect-policy.js';
import type { Wire } from './wire.js';

/** Everything one attempt of a call sends. Built once per call, sent once per attempt. */
export interface SendPlan {
  /** How the bytes travel: `node:http` by default, or the host app's `fetch`. */
  wire: Wire;
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
 * Sends one attempt over the plan's wire, following same-origin redirects, and reads the whole
 * body. Credentials are set per hop, and only for the configured origin.
 *
 * @throws Whatever the wire throws, a {@link ServerError} for a redirect not followed, or a
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
    const response = await plan.wire({ url: target, method, headers, body }, signal);
    const location = response.headers.get('location');
    if (isRedirect(response.status, location)) {
      await response.discard();
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
    const text = await response.text(plan.maxBytes);
    return { status: response.status, headers: response.headers, text, request };
  }
}
