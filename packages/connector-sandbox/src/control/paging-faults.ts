import type { Reply, SandboxRequest } from '../server/types.js';
import type { FaultSpec } from './faults.js';

/**
 * Faults of a hostile vendor's paging: totals that lie, pages that do not add up. They rewrite
 * the vendor's own list reply, whichever way it pages: page numbers (`page`, `per_page`), `skip`
 * or `offset` with `limit`, or a cursor; the total in `count`, `totalCount`, `total` or
 * `x-total-count`; the items in `results`, `data` or a bare array.
 */
export type PagingFault =
  | 'growing-total'
  | 'bad-total'
  | 'ignore-position'
  | 'overfull-page'
  | 'oversized-page';

/** The paging faults, for the server's pipeline. */
export const PAGING_FAULTS: ReadonlySet<string> = new Set<PagingFault>([
  'growing-total',
  'bad-total',
  'ignore-position',
  'overfull-page',
  'oversized-page',
]);

type Handle = (req: SandboxRequest) => Reply | Promise<Reply>;

/** Where a list request asks to start, and how many items it asks for. */
interface Position {
  /** The query parameter that holds the position: `page`, `skip`, `offset`; or `cursor`. */
  param: 'page' | 'skip' | 'offset' | 'cursor';
  /** Items before the page (0 for a cursor list's first page). */
  at: number;
  /** Items asked for (the vendor's default when the request names none). */
  size: number;
}

function positionOf(req: SandboxRequest): Position {
  const q = req.url.searchParams;
  const num = (name: string, fallback: number) => {
    const n = Number(q.get(name) ?? Number.NaN);
    return Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  if (q.has('page') || q.has('per_page')) {
    const size = num('per_page', 25);
    return { param: 'page', at: (Math.max(1, num('page', 1)) - 1) * size, size };
  }
  if (q.has('skip')) return { param: 'skip', at: num('skip', 0), size: num('limit', 10) };
  if (q.has('offset') || q.has('limit')) {
    return { param: 'offset', at: num('offset', 0), size: num('limit', 300) };
  }
  return { param: 'cursor', at: 0, size: 300 };
}

/** The same request, asking for `at` (page lists round it down to a page). */
function at(req: SandboxRequest, p: Position, position: number): SandboxRequest {
  const url = new URL(req.url);
  if (p.param === 'page') url.searchParams.set('page', String(Math.floor(position / p.size) + 1));
  else if (p.param === 'cursor') url.searchParams.delete('cursor');
  else url.searchParams.set(p.param, String(position));
  return { ...req, url };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The items of a list reply, or undefined for a reply that is no list page. */
function itemsOf(reply: Reply): unknown[] | undefined {
  const body = reply.json;
  if (Array.isArray(body)) return body;
  if (!isObject(body)) return undefined;
  if (Array.isArray(body.results)) return body.results;
  if (Array.isArray(body.data)) return body.data;
  return undefined;
}

function withItems(reply: Reply, items: unknown[]): Reply {
  const body = reply.json;
  if (Array.isArray(body)) return { ...reply, json: items };
  const o = body as Record<string, unknown>;
  return {
    ...reply,
    json: Array.isArray(o.results) ? { ...o, results: items } : { ...o, data: items },
  };
}

/** The total a list reply states, wherever the vendor states it; undefined when it states none. */
function totalOf(reply: Reply): number | undefined {
  const body = reply.json;
  const header = reply.headers?.['x-total-count'];
  if (header !== undefined) return Number(header);
  if (!isObject(body)) return undefined;
  for (const field of ['count', 'totalCount', 'total']) {
    if (typeof body[field] === 'number') return body[field] as number;
  }
  return undefined;
}

/** The reply stating `total` instead (a header stays a header, a field a field). */
function withTotal(reply: Reply, total: number): Reply {
  if (reply.headers?.['x-total-count'] !== undefined) {
    return { ...reply, headers: { ...reply.headers, 'x-total-count': String(total) } };
  }
  const body = reply.json;
  if (!isObject(body)) return reply;
  for (const field of ['count', 'totalCount', 'total']) {
    if (typeof body[field] === 'number') return { ...reply, json: { ...body, [field]: total } };
  }
  return reply;
}

/** The reply with a `next` link to the page after `req` (for lists that announce one). */
function withNext(reply: Reply, req: SandboxRequest, p: Position, cursor: string): Reply {
  const body = reply.json;
  if (!isObject(body) || !('next' in body)) return reply;
  const next = new URL(req.url);
  if (p.param === 'page') next.searchParams.set('page', String(Math.floor(p.at / p.size) + 2));
  else next.searchParams.set('cursor', cursor);
  return { ...reply, json: { ...body, next: `${req.origin}${next.pathname}${next.search}` } };
}

/** `count` items taken round and round from `items`, starting `from` items in. */
function cycle(items: readonly unknown[], from: number, count: number): unknown[] {
  if (items.length === 0) return [];
  return Array.from({ length: count }, (_, i) => items[(from + i) % items.length]);
}

/** What a paging fault keeps between requests: how often it struck, its cursors. */
export class PagingFaults {
  #hits = 0;
  #cursors = 0;

  /**
   * The reply of `spec` (one of {@link PAGING_FAULTS}) to `req`: the vendor's own reply to the
   * request (or to the request it is rewritten to), rewritten.
   */
  async reply(spec: FaultSpec, req: SandboxRequest, handle: Handle): Promise<Reply> {
    const hit = this.#hits++;
    const p = positionOf(req);
    // A cursor this fault made up stands for the list's start (a list that wraps round).
    const ours = req.url.searchParams.get('cursor')?.startsWith('hostile-') ?? false;
    const own = ours ? at(req, p, 0) : req;
    switch (spec.kind) {
      case 'ignore-position':
        return handle(at(req, p, 0));
      case 'bad-total': {
        const reply = await handle(own);
        return reply.status >= 300 ? reply : withTotal(reply, spec.total ?? 0);
      }
      case 'growing-total':
        return this.#growing(spec, req, p, own, hit, handle);
      case 'overfull-page':
        return this.#overfull(spec, req, p, own, handle);
      case 'oversized-page': {
        const reply = await handle(own);
        const items = itemsOf(reply);
        if (reply.status >= 300 || !items) return reply;
        const count = spec.items ?? 50 * p.size;
        return withItems(reply, spec.invalid ? cycle([{}], 0, count) : cycle(items, 0, count));
      }
      default:
        return handle(req);
    }
  }

  /**
   * `growing-total`: every reply states `grow` more items than the one before (default a page),
   * every page is full (positions past the real end wrap round to the start) and announces the
   * next one; a cursor list's last page links back to the first under a fresh cursor.
   */
  async #growing(
    spec: FaultSpec,
    req: SandboxRequest,
    p: Position,
    own: SandboxRequest,
    hit: number,
    handle: Handle,
  ): Promise<Reply> {
    const cursor = () => `hostile-${++this.#cursors}`;
    if (p.param === 'cursor') {
      const reply = await handle(own);
      const body = reply.json;
      if (reply.status >= 300 || !isObject(body) || body.next !== null) return reply;
      return withNext(reply, req, p, cursor());
    }
    const real = totalOf(await handle(at(req, p, 0)));
    if (real === undefined || real === 0) return handle(req);
    const reply = await handle(at(req, p, p.at % real));
    const items = itemsOf(reply);
    if (reply.status >= 300 || !items) return reply;
    const all =
      items.length < p.size
        ? [...items, ...(await this.#from(req, p, 0, p.size - items.length, handle))]
        : items;
    const grown = withTotal(withItems(reply, all), real + hit * (spec.grow ?? p.size));
    return withNext(grown, req, p, cursor());
  }

  /**
   * `overfull-page`: every page of a list that states a total holds `extra` (default 10) items
   * more than asked, the items that follow it (round to the start past the end), while its total
   * stays the list's.
   */
  async #overfull(
    spec: FaultSpec,
    req: SandboxRequest,
    p: Position,
    own: SandboxRequest,
    handle: Handle,
  ): Promise<Reply> {
    const reply = await handle(own);
    const items = itemsOf(reply);
    // Without a total (a cursor list) no position says how many items a page may hold.
    if (reply.status >= 300 || !items || items.length === 0 || totalOf(reply) === undefined)
      return reply;
    const extra = await this.#from(req, p, p.at + items.length, spec.extra ?? 10, handle);
    return withItems(reply, [...items, ...extra]);
  }

  /** `count` items of the list from position `start`, round to the start past the end. */
  async #from(
    req: SandboxRequest,
    p: Position,
    start: number,
    count: number,
    handle: Handle,
  ): Promise<unknown[]> {
    const first = await handle(at(req, p, 0));
    const real = totalOf(first) ?? itemsOf(first)?.length ?? 0;
    if (real === 0) return [];
    const out: unknown[] = [];
    for (let position = start % real; out.length < count; ) {
      const page = itemsOf(await handle(at(req, p, position))) ?? [];
      const skip = p.param === 'page' ? position % p.size : 0;
      const got = page.slice(skip, skip + count - out.length);
      if (got.length === 0) {
        if (position === 0) break;
        position = 0;
        continue;
      }
      out.push(...got);
      position = (position + got.length) % real;
    }
    return out;
  }
}
