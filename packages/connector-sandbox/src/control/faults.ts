import type { PagingFault } from './paging-faults.js';

/**
 * The kinds of fault a sandbox can inject. Besides errors and hangs: `drip` sends the body one
 * byte per event-loop turn; `huge-body` streams a body of `bytes`; `endless-pages` makes every
 * list page announce another one the way the vendor carries its next page (body link, `Link`
 * header, cursor), serving the first page's items again; `repeat-cursor` sends the client back to
 * the page it is on (lists read by page number or offset get the page before again); `secret-echo` answers an error (401 unless `echo.status`) with a piece of the
 * credential in the message; `retry-after` answers 429 with a huge, past or garbage wait;
 * `redirect` answers 302 to `location` (a foreign origin, say).
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
   * values (a value of the wrong type, say); fields by dotted path (`profile.email`), items where
   * the vendor's facts say a page holds them.
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
  taken: number;
  applied: number;
  missed: string | undefined;
}

/** What became of one scheduled fault (see `SandboxControl.faultReport`). */
export interface FaultReport {
  /** The fault's kind. */
  kind: FaultKind;
  /** The path it aims at, as given (a RegExp as its source). */
  path: string | undefined;
  /** Requests it was taken for. */
  taken: number;
  /** Requests it could be applied to; 0 with `taken` above 0 means it tested nothing. */
  applied: number;
  /** Why it could not be applied, the last time it could not. */
  missed: string | undefined;
}

/** The fault schedule of one sandbox. */
export class Faults {
  #active: ActiveFault[] = [];

  constructor(private readonly random: () => number) {}

  add(spec: FaultSpec): void {
    const times = spec.times ?? (spec.probability === undefined ? 1 : Number.POSITIVE_INFINITY);
    this.#active.push({ spec, remaining: times, seen: 0, taken: 0, applied: 0, missed: undefined });
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
      f.taken++;
      return f.spec;
    }
    return undefined;
  }

  /** Records whether a fault `take` returned could be applied to its request (why not, if not). */
  outcome(spec: FaultSpec, missed?: string | undefined): void {
    const f = this.#active.find((x) => x.spec === spec);
    if (!f) return;
    if (missed === undefined) f.applied++;
    else f.missed = missed;
  }

  /** Every fault scheduled since the last `clear`, and what became of it. */
  report(): FaultReport[] {
    return this.#active.map((f) => ({
      kind: f.spec.kind,
      path: f.spec.path instanceof RegExp ? f.spec.path.source : f.spec.path,
      taken: f.taken,
      applied: f.applied,
      missed: f.missed,
    }));
  }
}

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

/** The value at a dotted path (`profile.email`), or undefined. */
export function getPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let at: unknown = value;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A copy of `value` with the dotted path set (objects on the way copied, or made). */
export function setPath(value: unknown, path: string, next: unknown): unknown {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  const base =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  return { ...base, [key]: rest.length === 0 ? next : setPath(base[key], rest.join('.'), next) };
}

/** A copy of `value` without the dotted path; undefined when the path was not there. */
function removePath(value: unknown, path: string): { value: unknown; had: boolean; was: unknown } {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !(key in value)) {
    return { value, had: false, was: undefined };
  }
  const record = value as Record<string, unknown>;
  if (rest.length === 0) {
    const { [key]: was, ...others } = record;
    return { value: others, had: true, was };
  }
  const inner = removePath(record[key], rest.join('.'));
  return inner.had
    ? { ...inner, value: { ...record, [key]: inner.value } }
    : { value, had: false, was: undefined };
}

/**
 * Applies schema drift to the items of a response body (the array at the dotted `itemsPath`, `''`
 * for a bare array; or the body itself when it holds no such array): renames, removes or sets
 * fields by dotted path. Says whether any item changed: a rename of a field no item has changes
 * nothing, and a test built on it would test nothing.
 */
export function applyDrift(
  body: unknown,
  drift: NonNullable<FaultSpec['drift']>,
  itemsPath = 'results',
): { body: unknown; changed: boolean } {
  let changed = false;
  const change = (item: unknown): unknown => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    let out: unknown = item;
    if (drift.remove !== undefined) {
      const r = removePath(out, drift.remove);
      if (r.had) changed = true;
      out = r.value;
    }
    if (drift.rename) {
      const r = removePath(out, drift.rename[0]);
      if (r.had) {
        changed = true;
        out = setPath(r.value, drift.rename[1], r.was);
      }
    }
    for (const [path, value] of Object.entries(drift.set ?? {})) {
      changed = true;
      out = setPath(out, path, value);
    }
    return out;
  };
  const items = getPath(body, itemsPath);
  if (Array.isArray(items)) {
    const next = items.map(change);
    return { body: itemsPath === '' ? next : setPath(body, itemsPath, next), changed };
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    return { body: change(body), changed };
  }
  return { body, changed: false };
}
