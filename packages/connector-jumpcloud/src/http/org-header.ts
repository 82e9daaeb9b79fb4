/** Routes that answer 403 "organization selection not allowed via header" when `x-org-id` is sent. */
const ORG_HEADER_FORBIDDEN: readonly RegExp[] = [
  /^\/?api\/organizations(?:[/?]|$)/,
  /^\/?api\/v2\/providers\//,
  /^\/?api\/v2\/organizations\//,
];

/**
 * Whether `x-org-id` may be sent on a console route.
 *
 * @param path - Path relative to the console origin, such as `api/systemusers`.
 * @returns `false` on the organization and provider routes.
 */
export function orgHeaderAllowed(path: string): boolean {
  return !ORG_HEADER_FORBIDDEN.some((pattern) => pattern.test(path));
}

/**
 * The `x-org-id` header for one request: the org id where allowed, otherwise an explicit
 * `undefined` that removes any default. Never an empty value.
 *
 * @param orgId - The configured organization id, if any.
 * @param path - Path relative to the console origin.
 * @returns Headers to merge into the request.
 */
export function orgHeaders(
  orgId: string | undefined,
  path: string,
): Record<string, string | undefined> {
  if (orgId === undefined || orgId === '' || !orgHeaderAllowed(path)) {
    return { 'x-org-id': undefined };
  }
  return { 'x-org-id': orgId };
}
