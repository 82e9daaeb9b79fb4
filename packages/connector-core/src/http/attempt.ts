import type { Clock } from '../clock/clock.js';
import { ConnectorError } from '../errors/connector-error.js';
import { AbortError, NetworkError, TimeoutError } from '../errors/errors.js';
import { startDeadline } from './deadline.js';
import type { Exchange } from './exchange.js';
import { BodyReadStopped } from './read-body.js';
import { ResponseTooLargeError } from './response-too-large.js';
import { type SendPlan, send } from './send.js';

/**
 * Sends one attempt of `plan` under a per-attempt deadline, and turns what can go wrong on the way
 * into typed errors: the deadline into {@link TimeoutError}, the call's abort into
 * {@link AbortError}, a body past the cap into {@link ResponseTooLargeError}, anything `fetch`
 * throws into {@link NetworkError}.
 *
 * @param callSignal - Aborts the whole call (caller, connector, total deadline); never undefined,
 *   so the attempt always has a controller of its own to cancel the body with.
 */
export async function attempt(
  plan: SendPlan,
  clock: Clock,
  perAttemptMs: number,
  callSignal: AbortSignal,
): Promise<Exchange> {
  const { vendor, endpoint } = plan.meta;
  if (callSignal.aborted) throw new AbortError(undefined, plan.meta);
  const controller = new AbortController();
  // A strong listener on the call's signal: the attempt's controller, and through it the body
  // reader's listener, stay reachable for as long as the call can be aborted.
  const onCallAbort = () => controller.abort(callSignal.reason);
  callSignal.addEventListener('abort', onCallAbort, { once: true });
  const deadline = startDeadline(clock, perAttemptMs, controller);
  try {
    return await send(plan, controller.signal);
  } catch (error) {
    if (deadline.expired) {
      throw new TimeoutError(`${vendor} ${endpoint} got no response within ${perAttemptMs} ms`, {
        ...plan.meta,
        cause: error instanceof BodyReadStopped ? undefined : error,
      });
    }
    if (callSignal.aborted) throw new AbortError(undefined, plan.meta);
    if (error instanceof BodyReadStopped && error.why === 'too-large') {
      throw new ResponseTooLargeError(
        `${vendor} ${endpoint} sent a response body larger than ${plan.maxBytes} bytes; stopped reading`,
        { ...plan.meta, maxBytes: plan.maxBytes },
      );
    }
    if (error instanceof ConnectorError) throw error;
    const cause = error instanceof Error ? error.cause : undefined;
    const detail = cause instanceof Error ? cause.message : '';
    throw new NetworkError(
      `${vendor} ${endpoint} failed before a response${detail ? `: ${detail}` : ''}`,
      { ...plan.meta, cause: error },
    );
  } finally {
    deadline.cancel();
    callSignal.removeEventListener('abort', onCallAbort);
  }
}
