// Every bench scenario creates Hexnode connectors here, so an option rename lands in one place.
import { createHexnodeConnector } from '@org/connector-hexnode';
import type { CredentialsByVendor } from '@org/connector-sandbox';

type Credentials = CredentialsByVendor['hexnode'];

/** Bench settings of a Hexnode connection. */
export interface HexnodeBenchOptions {
  /** Requests in flight (default: the connector's). */
  concurrency?: number | undefined;
  /** Users per page (default: the connector's). */
  pageSize?: number | undefined;
  /** The short window; unset means "limits off" (windows too large to bind). */
  perMinute?: { limit: number; intervalMs: number } | undefined;
}

const UNBOUNDED = 1_000_000_000;

/** A Hexnode connector on the sandbox. Without `perMinute` no window binds (the daily one neither). */
export function hexnode(c: Credentials, o: HexnodeBenchOptions = {}) {
  return createHexnodeConnector({
    apiKey: c.apiKey,
    portal: c.portal,
    baseUrl: c.baseUrl,
    ...(o.pageSize === undefined ? {} : { pageSize: o.pageSize }),
    ...(o.concurrency === undefined ? {} : { concurrency: o.concurrency }),
    limits: {
      perMinute: o.perMinute ?? { limit: UNBOUNDED, intervalMs: 60_000 },
      // The daily quota is not what the bench measures; the sandbox's is off too.
      perDay: { limit: UNBOUNDED },
    },
  });
}

/**
 * The loop a developer would write against Hexnode by hand: `page=1, 2, ...` with `per_page`,
 * parse, yield, until `next` is null.
 */
export async function* hexnodeRawLoop(c: Credentials, pageSize: number): AsyncGenerator<unknown> {
  const headers = { authorization: c.apiKey, accept: 'application/json' };
  for (let page = 1; ; page++) {
    const res = await fetch(`${c.baseUrl}users/?page=${page}&per_page=${pageSize}`, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status} from the sandbox`);
    const body = (await res.json()) as { next: string | null; results: Array<{ email: unknown }> };
    // The "Default User" (email null) is no account: a hand-written sync skips it too.
    for (const user of body.results) if (user.email !== null) yield user;
    if (body.next === null) return;
  }
}
