import type { PagingFault } from './paging-faults.js';

/**
 * The kinds of fault a sandbox can inject. Besides errors and hangs: `drip` sends the body one
 * byte per event-loop turn; `huge-body` streams a body of `bytes`; `endless-pages` makes every
 * list page announce another one, serving the first page's items again; `repeat-cursor` makes a
 * list page's `next` link point back at the page itself (lists read by page number, skip or
 * offset also get the page before again); `secret-echo` answers an error (401 unless
 * `echo.status`) with a piece of the credential in the message; `retry-after` answers 429 with a
 * huge, past or garbage wait; `redirect` answers 302 to `location` (a foreign origin, say).
 *
 * A hostile vendor's paging (see `paging-faults.ts`): `growing-total` states `grow` more items
 * with every reply and never ends (a cursor list wraps back to its start under fresh cursors);
 * `bad-total` states `total` (-1, 2.5, 0, 100 of 250...); `ignore-position` serves the first
 * page whatever is asked; `overfull-page` adds `extra` items past what was asked to every page;
 * `oversized-page` serves `items` items (default 50 times what was asked), `invalid` ones if set.
 */
export type FaultKind =
  | '429'
  | '500'
  | '502'
  | '503'
  | 'reset'
  | 'hang'
  | 'truncated'
  | 'html'
  | 'drift'
  | 'drip'
  | 'huge-body'
  | 'endless-pages'
  | 'repeat-cursor'
  | 'secret-echo'
  | 'retry-after'
  | 'redirect'
  | PagingFault;

/**
 * A fault to inject. Without `probability` it is scripted: it hits the next `times` (default 1)
 * matching requests after skipping `after` of them. With `probability` each matching request is hit
 * with that chance (seeded, so runs repeat), `times` times at most (default unlimited).
 * Several scripted faults form a sequence: each request takes the first one still pending.
 */
export interface FaultSpec {
  /** What goes wrong. */
  kind: FaultKind;
  /** A substring of the request path (query excluded), or a RegExp tested against it. Default: every path. */
  path?: string | RegExp;
  /** How many requests the fault hits (default 1, or unlimited with `probability`). */
  times?: number;
  /** Chance (0–1) that each matching request is hit. */
  probability?: number;
  /** Matching requests to let through before the fault starts. */
  after?: number;
  /** `Retry-After` (seconds) of an injected 429 or 503. Default 1. */
  retryAfterSeconds?: number;
  /**
   * `drift`: rename a field of every item (`[from, to]`), remove one, and/or set fields to given
   * values (a value of the wrong type, say).
   */
  drift?: { rename?: [string, string]; remove?: string; set?: Record<string, unknown> };
  /** `html`: the status of the HTML page. Default 500. */
  status?: number;
  /** `huge-body`: bytes of the body, made on demand as it is sent. Default 512 MiB. */
  bytes?: number;
  /**
   * `secret-echo`: which piece of the request's credential the message echoes (default a
   * 12-character prefix; `whole` the credential; `json-escaped` all of it as JSON `\u` escapes),
   * how long the piece is, the status (default 401; a 429 or 503 carries `retryAfterSeconds`), and
   * whether response headers echo the whole credential too.
   */
  echo?: {
    piece?: 'prefix' | 'suffix' | 'base64' | 'middle' | 'whole' | 'json-escaped';
    length?: number;
    status?: number;
    headers?: boolean;
  };
  /** `redirect`: where the 302 (or `status`) points. */
  location?: string;
  /**
   * `retry-after`: the `Retry-After` of a 429: `huge` (a billion seconds), `past` (an HTTP date
   * in 2015), `garbage` (not a number or a date), or the exact header text. Default `huge`.
   */
  retryAfter?: 'huge' | 'past' | 'garbage' | (string & {});
  /** `bad-total`: the total every list reply states, whatever the list holds. Default 0. */
  total?: number;
  /** `growing-total`: how much the stated total grows with every reply. Default a page. */
  grow?: number;
  /** `overfull-page`: items each page holds past what was asked. Default 10. */
  extra?: number;
  /** `oversized-page`: items the page holds. Default 50 times what was asked. */
  items?: number;
  /** `oversized-page`: every item is `{}`, which no vendor's schema takes. */
  invalid?: boolean;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  seen: number;
}

/** The fault schedule of one sandbox. */
export class Faults {
  #active: ActiveFault[] = [];

  constructor(private readonly random: () => number) {}

  add(spec: FaultSpec): void {
    const times = spec.times ?? (spec.probability === undefined ? 1 : Number.POSITIVE_INFINITY);
    this.#active.push({ spec, remaining: times, seen: 0 });
  }

  clear(): void {
    this.#active = [];
  }

  /** The fault to apply to a request on `path`, consuming one use of it. */
  take(path: string): FaultSpec | undefined {
    for (const f of this.#active) {
      if (f.remaining <= 0 || !matches(f.spec.path, path)) continue;
      f.seen++;
      if (f.seen <= (f.spec.after ?? 0)) continue;
      if (f.spec.probability !== undefined && this.random() >= f.spec.probability) continue;
      f.remaining--;
      return f.spec;
    }
    return undefined;
  }
}

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

/** Applies schema drift to a response body: to each item of a list, or to the object itself. */
export function applyDrift(body: unknown, drift: NonNullable<FaultSpec['drift']>): unknown {
  const change = (item: unknown): unknown => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) {
      if (k === drift.remove) continue;
      out[drift.rename && k === drift.rename[0] ? drift.rename[1] : k] = v;
    }
    return drift.set ? { ...out, ...drift.set } : out;
  };
  if (Array.isArray(body)) return body.map(change);
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    if (Array.isArray(o.results)) return { ...o, results: o.results.map(change) };
    return change(o);
  }
  return body;
}
