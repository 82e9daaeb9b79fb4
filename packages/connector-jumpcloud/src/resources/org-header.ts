// Routes that answer 403 "organization selection not allowed via header" when `x-org-id` is sent.
const ORG_HEADER_FORBIDDEN: readonly RegExp[] = [
  /^\/?api\/organizations(?:[/?]|$)/,
  /^\/?api\/v2\/providers\//,
  /^\/?api\/v2\/organizations\//,
];

/** Whether `x-org-id` may be sent on a console route (`api/systemusers`): not on organization and provider routes. */
export function orgHeaderAllowed(path: string): boolean {
  return !ORG_HEADER_FORBIDDEN.some((pattern) => pattern.test(path));
}

/**
 * Per-route headers: on a route that refuses `x-org-id`, removes the connection's default one;
 * elsewhere nothing (the connection sends the configured org id, never an empty value).
 */
export function orgHeaderOf(path: string): Record<string, undefined> | undefined {
  return orgHeaderAllowed(path) ? undefined : { 'x-org-id': undefined };
}

/** The connection's default headers: `x-org-id` when an org id is configured. */
export function orgHeaders(orgId: string | undefined): Record<string, string> | undefined {
  return orgId ? { 'x-org-id': orgId } : undefined;
}
