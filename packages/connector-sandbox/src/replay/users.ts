import { getPath, setPath } from '../control/faults.js';
import {
  announceNext,
  itemsOf,
  positionOf,
  withField,
  withItems,
  withTotal,
} from '../control/page-reply.js';
import type { RecordingEntry } from '../record/format.js';
import type { Direction, OrderLog } from '../server/order.js';
import type { Reply, SandboxRequest } from '../server/types.js';
import type { UserRef, VendorFacts } from '../server/vendor.js';

type Facts = Pick<VendorFacts<unknown>, 'usersPath' | 'items' | 'id' | 'email' | 'paging' | 'sort'>;

/** The users of one kind of users-list request (the same filters and fields), and a page to dress them in. */
interface Listing {
  /** The first recorded page: its status, headers and body give every page its shape. */
  template: { status: number; headers: Record<string, string>; json: unknown };
  /** The users, in the order the vendor listed them. */
  items: unknown[];
}

/** Ids compare as numbers when they are, else by length then text (ObjectIds, Okta ids). */
function compareIds(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/** The id after `id` in its own alphabet (hex stays hex, `-` kept): ids of added users. */
function nextString(id: string): string {
  const hex = /^[0-9a-f-]+$/i.test(id);
  const digits = hex ? '0123456789abcdef' : '0123456789abcdefghijklmnopqrstuvwxyz';
  const chars = [...id];
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] as string;
    if (c === '-') continue;
    const upper = c !== c.toLowerCase();
    const at = digits.indexOf(c.toLowerCase());
    if (at === -1) continue;
    const next = digits[(at + 1) % digits.length] as string;
    chars[i] = upper ? next.toUpperCase() : next;
    if (at + 1 < digits.length) return chars.join('');
  }
  return `1${chars.join('')}`;
}

/** A copy of `value` with every string equal to `from` (or holding it) holding `to` instead. */
function replaced(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return from === '' ? value : value.split(from).join(to);
  if (Array.isArray(value)) return value.map((v) => replaced(v, from, to));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, replaced(v, from, to)]),
    );
  }
  return value;
}

/** Headers of the template a page does not carry over: links are made afresh, framing is ours. */
const TEMPLATE_DROPS = new Set(['link', 'content-type', 'date', 'connection', 'keep-alive']);

/**
 * The users list of a recording, served again with the vendor's paging: every user the recorded
 * pages held (per kind of request: the same filters and fields), paged by whatever page size,
 * position or cursor a client asks for, sorted as asked under the replay's `order` policy, and
 * changed by the control API (users added, removed and changed mid-sync), so the conformance
 * suite runs over a recording as over the sandbox.
 */
export class RecordedUsers {
  readonly #listings = new Map<string, Listing>();
  readonly #paging: ReadonlySet<string>;
  /** Each user's place in storage: a cursor marks one, so removals before it shift nothing. */
  readonly #seq = new WeakMap<object, number>();
  #stored = 0;
  #added = 0;

  constructor(
    entries: readonly RecordingEntry[],
    private readonly facts: Facts,
    private readonly orders: OrderLog,
  ) {
    const { paging } = facts;
    this.#paging = new Set(
      [paging.param, paging.size.param, facts.sort?.param].filter((p): p is string => !!p),
    );
    // Pages by their position, so pages read out of order (backward) still list in order.
    const pages = new Map<string, Array<{ at: number; order: number; items: unknown[] }>>();
    entries.forEach((e, order) => {
      const url = new URL(e.request.url);
      if (e.request.method !== 'GET' || !facts.usersPath.test(url.pathname)) return;
      const status = e.response.status;
      let json: unknown;
      try {
        json = JSON.parse(e.response.content.text ?? '');
      } catch {
        return;
      }
      const items = itemsOf({ status, json }, facts);
      if (!items) return;
      const key = this.#key(url);
      if (!this.#listings.has(key)) {
        const headers: Record<string, string> = {};
        for (const h of e.response.headers)
          if (!TEMPLATE_DROPS.has(h.name.toLowerCase())) headers[h.name.toLowerCase()] = h.value;
        this.#listings.set(key, { template: { status, headers, json }, items: [] });
      }
      const at = positionOf({ url } as SandboxRequest, paging).at ?? Number.POSITIVE_INFINITY;
      const list = pages.get(key) ?? [];
      list.push({ at: Number.isFinite(at) ? at : order + 1e12, order, items });
      pages.set(key, list);
    });
    for (const [key, list] of pages) {
      const listing = this.#listings.get(key) as Listing;
      const seen = new Set<string>();
      for (const page of list.sort((a, b) => a.at - b.at || a.order - b.order)) {
        for (const item of page.items) {
          const id = String(getPath(item, facts.id));
          if (seen.has(id)) continue;
          seen.add(id);
          listing.items.push(this.#store(item));
        }
      }
    }
  }

  /** `item`, given the next place in storage. */
  #store<T>(item: T): T {
    if (item && typeof item === 'object') this.#seq.set(item, ++this.#stored);
    return item;
  }

  /** An item's place in storage (0 for one that is no object). */
  #place(item: unknown): number {
    return item && typeof item === 'object' ? (this.#seq.get(item) ?? 0) : 0;
  }

  /** The kind of a users-list request: its query without paging and sorting. */
  #key(url: URL): string {
    const rest = [...url.searchParams].filter(([k]) => !this.#paging.has(k)).sort();
    return new URLSearchParams(rest).toString();
  }

  /** Whether `req` is a users-list request of a kind the recording holds. */
  handles(req: SandboxRequest): boolean {
    return (
      (req.method === 'GET' || req.method === 'HEAD') &&
      this.facts.usersPath.test(req.url.pathname) &&
      this.#listings.has(this.#key(req.url))
    );
  }

  /** The users in the order `req` asks for, as the replay's order policy serves it. */
  #ordered(req: SandboxRequest, items: readonly unknown[]): unknown[] {
    const sort = this.facts.sort;
    const asked = sort ? req.url.searchParams.get(sort.param) : null;
    const direction: Direction | undefined = asked
      ? asked.startsWith('-')
        ? 'descending'
        : 'ascending'
      : undefined;
    const natural = sort?.natural;
    const id = (item: unknown) => getPath(item, this.facts.id);
    const sorted = (d: Direction) => {
      const sign = d === 'ascending' ? 1 : -1;
      return [...items].sort((a, b) => sign * compareIds(id(a), id(b)));
    };
    const policy = this.orders.policy;
    // Ignored with no natural direction: the storage order the pages were recorded in.
    const out =
      direction === undefined || policy === 'ignored'
        ? natural === undefined
          ? [...items]
          : sorted(natural)
        : sorted(
            policy === 'reversed'
              ? direction === 'ascending'
                ? 'descending'
                : 'ascending'
              : direction,
          );
    if (direction !== undefined) {
      const wanted = sorted(direction);
      this.orders.note(
        req.url.pathname,
        true,
        out.some((item, i) => item !== wanted[i]),
      );
    }
    return out;
  }

  /**
   * The page `req` asks for. `vendor` is the vendor's own answer for an empty list, used for a
   * page number past the end (DRF's 404 "Invalid page."), which only the vendor knows.
   */
  page(req: SandboxRequest, vendor: Reply): Reply {
    const { facts } = this;
    const { paging } = facts;
    const listing = this.#listings.get(this.#key(req.url)) as Listing;
    const list = this.#ordered(req, listing.items);
    const p = positionOf(req, paging);
    let at = p.at;
    if (at === undefined) {
      // A cursor marks the last user served, by place in storage, as a keyset cursor does.
      const cursor = req.url.searchParams.get(paging.param) ?? '';
      const m = /^s(\d+)$/.exec(cursor);
      if (!m) return { status: 400, json: { message: `not a cursor of this replay: ${cursor}` } };
      const after = Number(m[1]);
      const next = list.findIndex((item) => this.#place(item) > after);
      at = next === -1 ? list.length : next;
    }
    if (paging.carried === 'page' && at > 0 && at >= list.length && vendor.status === 404)
      return vendor;
    const { template } = listing;
    let reply: Reply = {
      status: template.status,
      headers: { ...template.headers },
      json: template.json,
    };
    reply = withTotal(withItems(reply, facts, list.slice(at, at + p.size)), paging, list.length);
    if (paging.carried === 'link-header') {
      const self = `${req.origin}${req.url.pathname}${req.url.search}`;
      reply = { ...reply, headers: { ...reply.headers, link: `<${self}>; rel="self"` } };
    }
    if (at + p.size < list.length) {
      const next =
        paging.carried === 'page'
          ? String(Math.floor(at / p.size) + 2)
          : `s${this.#place(list[at + p.size - 1])}`;
      return announceNext(reply, req, paging, next) ?? reply;
    }
    // The last page says no other follows, where the vendor says so.
    if (paging.carried === 'body-link' || paging.carried === 'cursor')
      return withField(reply, paging.field, null) ?? reply;
    if (paging.carried === 'page' && paging.link !== undefined)
      return withField(reply, paging.link, null) ?? reply;
    return reply;
  }

  /** Every user any listing holds, in id order, with the email any of them shows. */
  users(): UserRef[] {
    const byId = new Map<string, UserRef>();
    for (const listing of this.#listings.values()) {
      for (const item of listing.items) {
        const id = getPath(item, this.facts.id) as string | number;
        const email = getPath(item, this.facts.email);
        const known = byId.get(String(id));
        if (!known || (known.email === null && typeof email === 'string'))
          byId.set(String(id), { id, email: typeof email === 'string' ? email : null });
      }
    }
    return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
  }

  /** Adds `n` users, each a copy of a recorded one with a new id and email, to every listing. */
  add(n: number): UserRef[] {
    const all = [...this.#listings.values()].flatMap((l) => l.items);
    const ids = all.map((item) => getPath(item, this.facts.id));
    const out: UserRef[] = [];
    let last = ids.reduce((a, b) => (compareIds(a, b) >= 0 ? a : b), ids[0]);
    for (let k = 0; k < n; k++) {
      const id = typeof last === 'number' ? last + 1 : nextString(String(last ?? '00000000'));
      last = id;
      const n0 = ++this.#added;
      let email: string | null = null;
      for (const listing of this.#listings.values()) {
        const people = listing.items.filter(
          (i) => typeof getPath(i, this.facts.email) === 'string',
        );
        const template = people[n0 % Math.max(1, people.length)] ?? listing.items[0];
        if (template === undefined) continue;
        const was = getPath(template, this.facts.email);
        const domain = typeof was === 'string' ? was.slice(was.indexOf('@') + 1) : 'replay.example';
        email = `added-${n0}@${domain}`;
        let clone = replaced(template, String(getPath(template, this.facts.id)), String(id));
        if (typeof was === 'string') clone = replaced(clone, was, email);
        clone = setPath(setPath(clone, this.facts.id, id), this.facts.email, email);
        listing.items.push(this.#store(clone));
      }
      out.push({ id, email });
    }
    return out;
  }

  /** Removes users by id from every listing (unknown ids are ignored). */
  remove(ids: ReadonlyArray<string | number>): void {
    const gone = new Set(ids.map(String));
    for (const listing of this.#listings.values()) {
      listing.items = listing.items.filter((i) => !gone.has(String(getPath(i, this.facts.id))));
    }
  }

  /**
   * Changes fields of a user (dotted paths) in every listing; in a storage order (no natural
   * direction), the changed row moves to the end, as a changed row does in the vendor's storage.
   */
  update(id: string | number, patch: Record<string, unknown>): void {
    let found = false;
    for (const listing of this.#listings.values()) {
      const at = listing.items.findIndex((i) => String(getPath(i, this.facts.id)) === String(id));
      if (at === -1) continue;
      found = true;
      const was = listing.items[at];
      let item = was;
      for (const [path, value] of Object.entries(patch))
        if (path !== this.facts.id) item = setPath(item, path, value);
      listing.items.splice(at, 1);
      if (this.facts.sort?.natural === undefined) listing.items.push(this.#store(item));
      else {
        // Changed in place: it keeps its place in storage.
        if (item && typeof item === 'object') this.#seq.set(item, this.#place(was));
        listing.items.splice(at, 0, item);
      }
    }
    if (!found) throw new Error(`replay: no user with id ${String(id)}`);
  }
}
