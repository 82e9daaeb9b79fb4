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
