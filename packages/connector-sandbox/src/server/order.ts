/**
 * How a sandbox vendor treats the sort order a client asks for: `honoured` (as documented),
 * `ignored` (the vendor's own default order whatever is asked, as a deployment that drops the
 * parameter would) or `reversed` (the opposite of what was asked). Real vendors are not known to
 * honour every sort everywhere; connectors must check what came back instead of trusting it.
 */
export type OrderPolicy = 'honoured' | 'ignored' | 'reversed';

/** A sort direction. */
export type Direction = 'ascending' | 'descending';

/**
 * The direction a list is served in under `policy`: what was `asked` (honoured), the vendor's
 * `natural` order (ignored, or nothing asked), or the opposite of what was asked (reversed).
 */
export function servedDirection(
  policy: OrderPolicy,
  asked: Direction | undefined,
  natural: Direction,
): Direction {
  if (asked === undefined || policy === 'ignored') return natural;
  if (policy === 'honoured') return asked;
  return asked === 'ascending' ? 'descending' : 'ascending';
}

/** What the order policy did to the requests of one path (see `SandboxControl.orderReport`). */
export interface OrderReport {
  /** The request path. */
  path: string;
  /** The sandbox's order policy. */
  policy: OrderPolicy;
  /** Requests that asked for a sort order. */
  asked: number;
  /** Of those, requests served in another order than asked: the policy at work, not a no-op. */
  overridden: number;
}

/**
 * Where a sandbox notes each request whose sort its order policy decided, so a test can tell a
 * policy that changed what was served from one that had nothing to change (a list asked for no
 * sort, or a list that takes none).
 */
export class OrderLog {
  readonly #paths = new Map<string, { asked: number; overridden: number }>();

  constructor(readonly policy: OrderPolicy) {}

  /**
   * Notes a request to `path` that asked for a sort order (`asked`) or did not, and whether what
   * it was served is in another order than asked (`overridden`; by default whenever the policy is
   * not `honoured`, for a list that cannot tell).
   */
  note(path: string, asked: boolean, overridden = asked && this.policy !== 'honoured'): void {
    if (!asked) return;
    const entry = this.#paths.get(path) ?? { asked: 0, overridden: 0 };
    entry.asked++;
    if (overridden) entry.overridden++;
    this.#paths.set(path, entry);
  }

  /** The direction a list on `path` is served in (see {@link servedDirection}), noted. */
  direction(path: string, asked: Direction | undefined, natural: Direction): Direction {
    const served = servedDirection(this.policy, asked, natural);
    this.note(path, asked !== undefined, asked !== undefined && served !== asked);
    return served;
  }

  /** Every path a sort was asked of, in the order first asked. */
  report(): OrderReport[] {
    return [...this.#paths].map(([path, n]) => ({ path, policy: this.policy, ...n }));
  }
}
