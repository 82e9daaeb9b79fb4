import {
  AuthenticationError,
  BadRequestError,
  type ConnectorError,
  NotFoundError,
  PermissionError,
} from '@org/connector-core';
import type { ErrorContext } from '@org/connector-core/kit';
import * as v from 'valibot';
import { OktaErrorBody } from '../schemas/error.js';

const MAX_SUMMARY = 200;

/** The scope (and admin permission) an endpoint needs, as Okta names it. */
export function oktaScopeFor(endpoint: string): string {
  const path = endpoint.replace(/^[A-Z]+\s+/, '').replace(/[?#].*$/, '');
  if (/\/users\/[^/]+\/factors/.test(path)) return 'okta.factors.read';
  if (/\/users\/[^/]+\/roles/.test(path) || /\/iam\//.test(path)) return 'okta.roles.read';
  if (/\/groups/.test(path)) return 'okta.groups.read';
  if (/\/apps/.test(path)) return 'okta.apps.read';
  if (/\/users/.test(path)) return 'okta.users.read';
  return 'the okta.*.read scope of this endpoint';
}

/** Okta's error body, or undefined when the body is another shape (a proxy's page). */
function bodyOf(body: unknown): OktaErrorBody | undefined {
  const parsed = v.safeParse(OktaErrorBody, body);
  return parsed.success ? parsed.output : undefined;
}

/** `errorSummary` is untrusted text that may echo the request: clipped (core redacts secrets). */
function said(error: OktaErrorBody | undefined): string {
  const summary = error?.errorSummary?.replace(/\s+/g, ' ').trim();
  if (!summary) return '';
  const clipped = summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary;
  return ` Okta said (${error?.errorCode}): ${clipped}`;
}

/**
 * Okta's error mapping for the core HTTP client, by `errorCode` first, then status: `E0000011`
 * (invalid token) or 401 → `AuthenticationError` (reconnect); `E0000006` (no permission) or 403
 * → `PermissionError` naming the scope; `E0000007` → `NotFoundError`; `E0000001` and other 4xx →
 * `BadRequestError`. 429 (`E0000047`) and 5xx are left to core, which waits until
 * `X-Rate-Limit-Reset` and retries.
 */
export function mapOktaError(ctx: ErrorContext): ConnectorError | undefined {
  const error = bodyOf(ctx.body);
  const code = error?.errorCode;
  const options = {
    vendor: 'okta',
    endpoint: ctx.endpoint,
    status: ctx.status,
    requestId: ctx.headers.get('x-okta-request-id') ?? error?.errorId,
  };
  if (code === 'E0000011' || ctx.status === 401) {
    return new AuthenticationError(
      'Okta rejected the credential: the API token is wrong, expired (30 days unused) or revoked ' +
        '(also when the admin who made it is deactivated), or the service app is disabled. Create ' +
        `a new one under Security > API > Tokens.${said(error)}`,
      options,
    );
  }
  if (code === 'E0000006' || ctx.status === 403) {
    const permission = oktaScopeFor(ctx.endpoint);
    return new PermissionError(
      `The Okta credential may not read this: a service app needs the scope "${permission}" ` +
        '(Applications > the app > Okta API Scopes), an API token an admin role that can read ' +
        `it.${said(error)}`,
      { ...options, permission },
    );
  }
  if (ctx.status === 429 || ctx.status >= 500 || ctx.status === 408) return undefined;
  if (code === 'E0000007' || ctx.status === 404) {
    return new NotFoundError(`Okta has no such object at ${ctx.endpoint}.${said(error)}`, options);
  }
  if (ctx.status >= 400) {
    return new BadRequestError(
      `Okta refused ${ctx.endpoint} (HTTP ${ctx.status}).${said(error)}`,
      options,
    );
  }
  return undefined;
}
