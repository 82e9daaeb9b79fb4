import {
  AuthenticationError,
  ConfigError,
  type ConnectorError,
  PermissionError,
  RateLimitError,
} from '@org/connector-core';
import type { ErrorContext } from '@org/connector-core/kit';
import * as v from 'valibot';
import { orgHeaderAllowed } from '../resources/org-header.js';
import { ErrorBody } from './error-body.js';

// JumpCloud's console areas, named as an admin sees them, for PermissionError messages.
const AREAS: ReadonlyArray<[RegExp, string]> = [
  [/\/api\/systemusers/, 'Users'],
  [/\/api\/v2\/usergroups/, 'User Groups'],
  [/\/api\/v2\/authn\/policies/, 'Conditional Access Policies'],
  [/\/api\/v2\/policies/, 'Policies'],
  [/\/api\/v2\/applemdms/, 'MDM'],
  [/\/api\/v2\/systeminsights/, 'System Insights'],
  [/\/api\/v2\/applications|\/api\/applications/, 'SSO Applications'],
  [/\/api\/systems/, 'Devices'],
  [/\/api\/organizations/, 'Organizations'],
  [/\/api\/users/, 'Administrators'],
  [/\/events/, 'Directory Insights'],
];

/**
 * The area of the console an endpoint reads, for permission messages.
 *
 * @param endpoint - `METHOD /path`.
 * @returns A name such as `Users`.
 */
export function areaOf(endpoint: string): string {
  return AREAS.find(([pattern]) => pattern.test(endpoint))?.[1] ?? 'this resource';
}

/** The vendor's error text (message and error fields, or the raw text), shortened. */
export function vendorMessage(body: unknown, bodyText: string): string {
  const parsed = v.safeParse(ErrorBody, body);
  const parts = parsed.success
    ? [parsed.output.message, parsed.output.error].filter(
        (s): s is string => typeof s === 'string' && s !== '',
      )
    : [];
  const text = parts.length > 0 ? parts.join(': ') : bodyText.trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

// What to do about a 401, per credential. JumpCloud's own text is left out: it adds nothing and
// may quote what was sent.
const REJECTED = {
  apiKey:
    'JumpCloud rejected the API key: it is wrong, or was revoked when its administrator generated a new one. Paste the current key from the console › your avatar › My API Key',
  serviceAccount:
    'JumpCloud rejected the service account: its client id or secret is wrong, or it was deleted or its secret rotated. Check it under Settings › Service Accounts',
} as const;

/**
 * Builds core's `mapError` hook for JumpCloud: a 401 says what to do for the credential in use;
 * a 403 that says the caller is blocked for abuse is a rate-limit signal; other 403s name the
 * console area to grant; a 401 for a multi-tenant admin without `orgId`, or a 400/404 about the
 * organization, is a config problem.
 *
 * @param o - Whether an org id is configured, and the kind of credential.
 * @returns The hook; `undefined` from it means core's default mapping.
 */
export function createErrorMapper(o: {
  orgId: string | undefined;
  auth: 'apiKey' | 'serviceAccount';
}) {
  return (ctx: ErrorContext): ConnectorError | undefined => {
    const text = vendorMessage(ctx.body, ctx.bodyText);
    const base = { vendor: 'jumpcloud', endpoint: ctx.endpoint, status: ctx.status };
    const mentionsOrg = /\borg(anization)?s?\b|x-org-id|organization/i.test(text);

    if (ctx.status === 403 && /\bblocked\b|\babuse\b|too many requests/i.test(text)) {
      return new RateLimitError(
        `JumpCloud blocked this connection for too many requests (${text}); wait before retrying`,
        { ...base, retryAfterMs: ctx.retryAfterMs },
      );
    }
    if (ctx.status === 403 && /organization selection not allowed/i.test(text)) {
      return new ConfigError(
        `JumpCloud refused the organization header on ${ctx.endpoint}: ${text}`,
        base,
      );
    }
    if (ctx.status === 403) {
      const area = areaOf(ctx.endpoint);
      return new PermissionError(
        `The JumpCloud administrator or service account of this connection cannot read ${area}; give it a role that can (Read Only is enough)${text === '' ? '' : ` (${text})`}`,
        { ...base, permission: `${area} (read)` },
      );
    }
    if (ctx.status === 401 && o.orgId === undefined && mentionsOrg) {
      return new ConfigError(
        `This JumpCloud administrator manages several organizations: set orgId to the Organization ID to read (${text})`,
        base,
      );
    }
    if (ctx.status === 401) return new AuthenticationError(REJECTED[o.auth], base);
    const path = ctx.endpoint.slice(ctx.endpoint.indexOf(' ') + 1);
    const orgHeaderSent = o.orgId !== undefined && orgHeaderAllowed(path);
    if ((ctx.status === 400 || ctx.status === 404) && orgHeaderSent && mentionsOrg) {
      return new ConfigError(
        `JumpCloud does not accept the configured orgId: ${text}. Check the Organization ID`,
        base,
      );
    }
    return undefined;
  };
}
