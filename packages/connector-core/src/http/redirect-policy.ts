/** Redirects followed for one attempt before giving up. */
export const MAX_REDIRECTS = 5;

/** Where a redirect leads, or why it is not followed. */
export type RedirectDecision =
  | { follow: true; url: URL; method: string; dropBody: boolean }
  | { follow: false; reason: 'another origin' | 'too often' };

/**
 * Whether a 3xx with a `Location` is followed. Only same-origin redirects are, at most
 * {@link MAX_REDIRECTS} of them: credentials are attached per hop, so following one to another
 * origin would hand them to another host. A 303 turns the request into a body-less GET.
 *
 * @param status - The 3xx status.
 * @param location - The `Location` header.
 * @param from - The URL that answered with the redirect.
 * @param origin - The configured origin, the only one credentials go to.
 * @param method - The method sent.
 * @param hop - Redirects followed so far.
 */
export function redirectDecision(
  status: number,
  location: string,
  from: URL,
  origin: string,
  method: string,
  hop: number,
): RedirectDecision {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return { follow: false, reason: 'another origin' };
  }
  if (next.origin !== origin) return { follow: false, reason: 'another origin' };
  if (hop >= MAX_REDIRECTS) return { follow: false, reason: 'too often' };
  if (status === 303) return { follow: true, url: next, method: 'GET', dropBody: true };
  return { follow: true, url: next, method, dropBody: false };
}

/** Whether a response is a redirect with somewhere to go. */
export function isRedirect(status: number, location: string | null): location is string {
  return status >= 300 && status < 400 && location !== null && location !== '';
}
