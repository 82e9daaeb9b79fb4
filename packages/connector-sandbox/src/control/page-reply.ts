import type { Reply, SandboxRequest } from '../server/types.js';
import type { PagingFacts, VendorFacts } from '../server/vendor.js';
import { getPath, setPath } from './faults.js';

/**
 * Reading and rewriting one page of a vendor's users list the way its facts describe it: where
 * the items sit, where the total is stated, how a request asks for a position and a size, and how
 * a page announces the next one. The faults that rewrite pages (`endless-pages`, `repeat-cursor`,
 * the hostile-paging ones) work from these alone, so a vendor added to the registry gets them.
 */

type Facts = Pick<VendorFacts<unknown>, 'items' | 'paging'>;

/** The items of a page, or undefined for a reply that is no page of the list. */
export function itemsOf(reply: Reply, facts: Facts): unknown[] | undefined {
  if (reply.status >= 300) return undefined;
  const items = getPath(reply.json, facts.items);
  return Array.isArray(items) ? items : undefined;
}

/** The page holding `items` instead. */
export function withItems(reply: Reply, facts: Facts, items: unknown[]): Reply {
  return { ...reply, json: facts.items === '' ? items : setPath(reply.json, facts.items, items) };
}

/** The total a page states where the facts say it does; undefined when it states none. */
export function totalOf(reply: Reply, paging: PagingFacts): number | undefined {
  const where = paging.total;
  if (where === undefined || reply.status >= 300) return undefined;
  if ('header' in where) {
    const text = reply.headers?.[where.header];
    return text === undefined ? undefined : Number(text);
  }
  const value = getPath(reply.json, where.field);
  return typeof value === 'number' ? value : undefined;
}

/** The page stating `total` instead (a header stays a header, a field a field). */
export function withTotal(reply: Reply, paging: PagingFacts, total: number): Reply {
  const where = paging.total;
  if (where === undefined) return reply;
  if ('header' in where) {
    return { ...reply, headers: { ...reply.headers, [where.header]: String(total) } };
  }
  return { ...reply, json: setPath(reply.json, where.field, total) };
}

/** Where a list request asks to start, and how many items it asks for. */
export interface Position {
  /** Items before the page; 0 for a cursor list's first page, undefined for a later one. */
  at: number | undefined;
  /** Items asked for (the vendor's default when the request names none). */
  size: number;
}

/** A non-negative integer query parameter, or `fallback`. */
function intOf(req: SandboxRequest, name: string | undefined, fallback: number): number {
  const raw = name === undefined ? null : req.url.searchParams.get(name);
  const n = raw === null || raw === '' ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** The position and size a list request asks for, read the way the vendor pages. */
export function positionOf(req: SandboxRequest, paging: PagingFacts): Position {
  const size = Math.max(1, intOf(req, paging.size.param, paging.size.default));
  switch (paging.carried) {
    case 'page':
      return { at: (Math.max(1, intOf(req, paging.param, 1)) - 1) * size, size };
    case 'offset':
      return { at: intOf(req, paging.param, 0), size };
    default:
      return { at: req.url.searchParams.has(paging.param) ? undefined : 0, size };
  }
}

/** Whether the list is read by a position the client counts (page number, offset). */
export const isPositional = (paging: PagingFacts): boolean =>
  paging.carried === 'page' || paging.carried === 'offset';

/**
 * The same request, asking for the item at `position` (a page list rounds it down to its page);
 * a cursor list can only be asked for its start.
 */
export function requestAt(
  req: SandboxRequest,
  paging: PagingFacts,
  position: number,
): SandboxRequest {
  const url = new URL(req.url);
  const { size } = positionOf(req, paging);
  if (paging.carried === 'page')
    url.searchParams.set(paging.param, String(Math.floor(position / size) + 1));
  else if (paging.carried === 'offset') url.searchParams.set(paging.param, String(position));
  else url.searchParams.delete(paging.param);
  return { ...req, url };
}

/** `url` on the request's origin with `param` set: a link the client is asked to follow. */
export function linkTo(req: SandboxRequest, url: URL, param: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(param, value);
  return `${req.origin}${u.pathname}${u.search}`;
}

/** A reply whose body field `field` is `value`; undefined when the body is no object holding it. */
export function withField(reply: Reply, field: string, value: unknown): Reply | undefined {
  const body = reply.json;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !(field in body))
    return undefined;
  return { ...reply, json: { ...(body as Record<string, unknown>), [field]: value } };
}

/** A reply whose `Link` header names `target` as the next page, its other links kept. */
export function withNextLink(reply: Reply, target: string): Reply {
  const others = (reply.headers?.link ?? '')
    .split(/,(?=\s*<)/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && !/;\s*rel="?next"?/i.test(part));
  return {
    ...reply,
    headers: { ...reply.headers, link: [...others, `<${target}>; rel="next"`].join(', ') },
  };
}

/**
 * The page announcing that another follows, reached by `value` (a cursor, or for a page list the
 * next page number), the way the vendor says so: a body link or the `Link` header, a body
 * cursor, a page list's `next` link. A list read by counting says nothing (the reply as it is).
 * Undefined when the reply has no place to say it: the fault could not be injected.
 */
export function announceNext(
  reply: Reply,
  req: SandboxRequest,
  paging: PagingFacts,
  value: string,
): Reply | undefined {
  switch (paging.carried) {
    case 'body-link':
      return withField(reply, paging.field, linkTo(req, req.url, paging.param, value));
    case 'link-header':
      return withNextLink(reply, linkTo(req, req.url, paging.param, value));
    case 'cursor':
      return withField(reply, paging.field, value);
    case 'page':
      return paging.link === undefined
        ? reply
        : withField(reply, paging.link, linkTo(req, req.url, paging.param, value));
    case 'offset':
      return reply;
  }
}

/** Whether a page announces another one (for a list read by counting: whether it is full). */
export function announcesNext(reply: Reply, facts: Facts): boolean {
  const { paging } = facts;
  switch (paging.carried) {
    case 'body-link':
    case 'cursor':
      return getPath(reply.json, paging.field) != null;
    case 'link-header':
      return /;\s*rel="?next"?/i.test(reply.headers?.link ?? '');
    case 'page':
      if (paging.link !== undefined) return getPath(reply.json, paging.link) != null;
      return (itemsOf(reply, facts)?.length ?? 0) > 0;
    case 'offset':
      return (itemsOf(reply, facts)?.length ?? 0) > 0;
  }
}

/** How the vendor carries the next page, in words (for a fault's "could not inject" reason). */
export function describePaging(paging: PagingFacts): string {
  if (paging.carried === 'body-link' || paging.carried === 'cursor')
    return `body field "${paging.field}"`;
  if (paging.carried === 'link-header') return 'Link header';
  return `"${paging.param}" position`;
}
