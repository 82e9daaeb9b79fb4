import { linkPosition } from './guards.js';
import type { PageContext, PaginationStrategy } from './strategy.js';

/** One link of an RFC 8288 `Link` header: its target and its parameters (`rel`, `title`...). */
export interface WebLink {
  /** The URI reference between `<` and `>`, as sent (relative or absolute). */
  target: string;
  /** Parameters, names lower-cased; `rel` holds space-separated relation types. */
  params: Record<string, string>;
}

/**
 * Parses a `Link` header (RFC 8288 §3): comma-separated `<target>; name=value` links, values plain
 * tokens or quoted strings (with `\` escapes), commas inside `<>` or quotes not splitting links.
 * Malformed links are skipped, never guessed at; a header of any length is read in one pass.
 *
 * @param header - The header value (several `Link` headers arrive joined by `, `).
 */
export function parseLinkHeader(header: string): WebLink[] {
  const links: WebLink[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  while (i < n) {
    skipSpace();
    if (header[i] !== '<') {
      // Not a link: skip to the next comma outside quotes.
      while (i < n && header[i] !== ',') i++;
      i++;
      continue;
    }
    const end = header.indexOf('>', i + 1);
    if (end < 0) break;
    const target = header.slice(i + 1, end).trim();
    i = end + 1;
    const params: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (header[i] !== ';') break;
      i++;
      skipSpace();
      let name = '';
      while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(header[i] as string)) name += header[i++];
      skipSpace();
      let value = '';
      if (header[i] === '=') {
        i++;
        skipSpace();
        if (header[i] === '"') {
          i++;
          while (i < n && header[i] !== '"') {
            if (header[i] === '\\' && i + 1 < n) i++;
            value += header[i++];
          }
          i++;
        } else {
          while (i < n && !/[;,\s]/.test(header[i] as string)) value += header[i++];
        }
      }
      const key = name.toLowerCase();
      // RFC 8288 §3.3: a second `rel` on one link is ignored.
      if (key !== '' && !(key in params)) params[key] = value;
    }
    skipSpace();
    // Whatever else sits before the next comma is not part of a valid link; drop it.
    while (i < n && header[i] !== ',') i++;
    i++;
    if (target !== '') links.push({ target, params });
  }
  return links;
}

/** The target of the first link whose `rel` holds `rel` (case-insensitive), or undefined. */
export function findLink(header: string | null, rel: string): string | undefined {
  if (!header) return undefined;
  const wanted = rel.toLowerCase();
  return parseLinkHeader(header).find((l) =>
    (l.params.rel ?? '').toLowerCase().split(/\s+/).includes(wanted),
  )?.target;
}

/** Options of {@link linkHeader}. */
export interface LinkHeaderOptions {
  /** The link relation of the next page (default `next`). */
  rel?: string | undefined;
  /** Query parameters to carry from the link, such as Okta's `['after']` (default: all of them). */
  params?: string[] | undefined;
  /** The response header holding the links (default `link`). */
  header?: string | undefined;
}

/**
 * `Link`-header paging (RFC 8288; Okta, GitHub): the next page is the link whose `rel` is `next`,
 * and no such link means the last page. As with `nextLink`, only the link's query (the opaque
 * cursor) is taken and re-applied to the configured path on the configured base URL: a link naming
 * another host never receives a request, let alone a credential. A link that is not http(s) or
 * carries no paging parameter stops the listing with a `PaginationError`.
 *
 * @param o - The relation, the parameters to carry and the header name.
 */
export function linkHeader<P>(o: LinkHeaderOptions = {}): PaginationStrategy<P> {
  const rel = o.rel ?? 'next';
  const header = o.header ?? 'link';
  return {
    name: 'linkHeader',
    first: () => ({ key: 'link:first' }),
    next(ctx: PageContext<P>) {
      const link = findLink(ctx.headers.get(header), rel);
      if (!link) return undefined;
      // An unusable link is an error, never the end and never a restart.
      return linkPosition(link, o.params);
    },
  };
}
