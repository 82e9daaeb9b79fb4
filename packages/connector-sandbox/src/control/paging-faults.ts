import type { Reply, SandboxRequest } from '../server/types.js';
import type { VendorFacts } from '../server/vendor.js';
import type { FaultSpec } from './faults.js';
import {
  announceNext,
  announcesNext,
  isPositional,
  itemsOf,
  type Position,
  positionOf,
  requestAt,
  totalOf,
  withItems,
  withTotal,
} from './page-reply.js';

/**
 * Faults of a hostile vendor's paging: totals that lie, pages that do not add up. They rewrite
 * the vendor's own users-list reply the way its facts say the list pages (`VendorFacts.paging`):
 * by page number, offset or cursor (a body link, the `Link` header, a body cursor), its total in
 * a body field or a header, its items where `VendorFacts.items` says. A fault the list gives no
 * hold to (a total on a list that states none) is reported as not applied, never served quietly.
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

/**
 * The paging faults a vendor's users list can take: a list that states no total can state no
 * wrong one (`bad-total`), and only a total and a position say how many items a page may hold
 * (`overfull-page`).
 */
export function pagingFaultsFor(facts: Pick<VendorFacts<unknown>, 'paging'>): PagingFault[] {
  const counted = facts.paging.total !== undefined;
  return [...PAGING_FAULTS].filter(
    (kind) =>
      (kind !== 'bad-total' || counted) &&
      (kind !== 'overfull-page' || (counted && isPositional(facts.paging))),
  ) as PagingFault[];
}

type Handle = (req: SandboxRequest) => Reply | Promise<Reply>;
type Facts = Pick<VendorFacts<unknown>, 'items' | 'paging'>;

/** A reply a fault served, and why it could not be applied to it, when it could not. */
export interface FaultedReply {
  reply: Reply;
  missed?: string | undefined;
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

  constructor(private readonly facts: Facts) {}

  /**
   * The reply of `spec` (one of {@link PAGING_FAULTS}) to `req`: the vendor's own reply to the
   * request (or to the request it is rewritten to), rewritten; with why not, when it could not be.
   */
  async reply(spec: FaultSpec, req: SandboxRequest, handle: Handle): Promise<FaultedReply> {
    const { paging } = this.facts;
    const hit = this.#hits++;
    const p = positionOf(req, paging);
    // A cursor this fault made up stands for the list's start (a list that wraps round).
    const ours = req.url.searchParams.get(paging.param)?.startsWith('hostile-') ?? false;
    const own = ours ? requestAt(req, paging, 0) : req;
    const at = ours ? 0 : p.at;
    const page = async (r: SandboxRequest) => {
      const reply = await handle(r);
      return { reply, items: itemsOf(reply, this.facts) };
    };
    const noPage = (reply: Reply): FaultedReply => ({
      reply,
      missed: `the reply (${reply.status}) holds no page of the list at ${this.facts.items || 'the top level'}`,
    });
    switch (spec.kind) {
      case 'ignore-position': {
        if (at === 0)
          return { reply: await handle(req), missed: 'the request asked for the start' };
        const first = await page(requestAt(req, paging, 0));
        return first.items ? { reply: first.reply } : noPage(first.reply);
      }
      case 'bad-total': {
        const { reply, items } = await page(own);
        if (!items) return noPage(reply);
        if (totalOf(reply, paging) === undefined)
          return { reply, missed: 'the reply states no total where the facts say' };
        return { reply: withTotal(reply, paging, spec.total ?? 0) };
      }
      case 'growing-total':
        return isPositional(paging)
          ? this.#growing(spec, req, { ...p, at: at ?? 0 }, hit, handle)
          : this.#wrapping(req, own, ours, handle);
      case 'overfull-page': {
        const { reply, items } = await page(own);
        if (!items || items.length === 0) return noPage(reply);
        if (!isPositional(paging) || totalOf(reply, paging) === undefined || at === undefined)
          return { reply, missed: 'without a total and a position no page has a most it may hold' };
        const extra = await this.#from(req, p, at + items.length, spec.extra ?? 10, handle);
        return { reply: withItems(reply, this.facts, [...items, ...extra]) };
      }
      case 'oversized-page': {
        const { reply, items } = await page(own);
        if (!items) return noPage(reply);
        const count = spec.items ?? 50 * p.size;
        const served = spec.invalid ? cycle([{}], 0, count) : cycle(items, 0, count);
        return { reply: withItems(reply, this.facts, served) };
      }
      default:
        return { reply: await handle(req), missed: `${spec.kind} is no paging fault` };
    }
  }

  /**
   * `growing-total` on a list read by position: every reply states `grow` more items than the
   * one before (default a page), every page is full (positions past the real end wrap round to
   * the start) and announces the next one.
   */
  async #growing(
    spec: FaultSpec,
    req: SandboxRequest,
    p: Position & { at: number },
    hit: number,
    handle: Handle,
  ): Promise<FaultedReply> {
    const { paging } = this.facts;
    const start = await handle(requestAt(req, paging, 0));
    const real = totalOf(start, paging);
    if (real === undefined || real === 0)
      return { reply: await handle(req), missed: 'the list states no total to grow' };
    const reply = await handle(requestAt(req, paging, p.at % real));
    const items = itemsOf(reply, this.facts);
    if (!items) return { reply, missed: `the reply (${reply.status}) holds no page of the list` };
    const all =
      items.length < p.size
        ? [...items, ...(await this.#from(req, p, 0, p.size - items.length, handle))]
        : items;
    const grown = withTotal(
      withItems(reply, this.facts, all),
      paging,
      real + hit * (spec.grow ?? p.size),
    );
    const next = paging.carried === 'page' ? String(Math.floor(p.at / p.size) + 2) : this.#cursor();
    return { reply: announceNext(grown, req, paging, next) ?? grown };
  }

  /**
   * `growing-total` on a cursor list (no total to grow): its last page links back to the first
   * under a fresh cursor, the way the vendor carries its next page, so the list never ends.
   */
  async #wrapping(
    req: SandboxRequest,
    own: SandboxRequest,
    ours: boolean,
    handle: Handle,
  ): Promise<FaultedReply> {
    const reply = await handle(own);
    if (!itemsOf(reply, this.facts))
      return { reply, missed: `the reply (${reply.status}) holds no page of the list` };
    if (announcesNext(reply, this.facts))
      return ours ? { reply } : { reply, missed: 'a page before the last is served as it is' };
    const wrapped = announceNext(reply, req, this.facts.paging, this.#cursor());
    return wrapped
      ? { reply: wrapped }
      : { reply, missed: 'the last page has no place for a next one' };
  }

  #cursor(): string {
    return `hostile-${++this.#cursors}`;
  }

  /** `count` items of the list from position `start`, round to the start past the end. */
  async #from(
    req: SandboxRequest,
    p: Position,
    start: number,
    count: number,
    handle: Handle,
  ): Promise<unknown[]> {
    const { paging } = this.facts;
    const first = await handle(requestAt(req, paging, 0));
    const real = totalOf(first, paging) ?? itemsOf(first, this.facts)?.length ?? 0;
    if (real === 0) return [];
    const out: unknown[] = [];
    for (let position = start % real; out.length < count; ) {
      const page = itemsOf(await handle(requestAt(req, paging, position)), this.facts) ?? [];
      const skip = paging.carried === 'page' ? position % p.size : 0;
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
