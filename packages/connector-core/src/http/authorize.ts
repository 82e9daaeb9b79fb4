import type { AuthRequest, AuthStrategy } from '../auth/auth-strategy.js';
import { ConnectorError } from '../errors/connector-error.js';

/**
 * Errors the auth strategy raised while getting a credential (an OAuth token endpoint's 503 or
 * timeout). The request itself was never sent, so a retryable one is retried like a network error.
 */
const credentialFailures = new WeakSet<ConnectorError>();

/** Whether `error` came from getting a credential rather than from the request itself. */
export function isCredentialFailure(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError && credentialFailures.has(error);
}

/**
 * Lets the auth strategy add its credential to a request, only when the request goes to the
 * configured origin: credentials never reach another host.
 *
 * @param auth - The strategy, or undefined for unauthenticated clients.
 * @param request - URL, method and headers of the request (the strategy sets headers on it).
 * @param target - The request's URL, parsed.
 * @param origin - The configured origin.
 */
export async function authorize(
  auth: AuthStrategy | undefined,
  request: AuthRequest,
  target: URL,
  origin: string,
  ctx: { signal: AbortSignal | undefined; omitHeaders: ReadonlySet<string> },
): Promise<void> {
  if (!auth || target.origin !== origin) return;
  try {
    await auth.authorize(request, ctx);
  } catch (error) {
    if (error instanceof ConnectorError) credentialFailures.add(error);
    throw error;
  }
}
