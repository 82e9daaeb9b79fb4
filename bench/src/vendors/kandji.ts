// Every bench scenario creates Kandji connectors here, so an option rename lands in one place.

import { createKandjiConnector } from '@org/connector-kandji';
import type { CredentialsByVendor } from '@org/connector-sandbox';

type Credentials = CredentialsByVendor['kandji'];

/** Bench settings of a Kandji connection. */
export interface KandjiBenchOptions {
  /** Requests in flight (default: the connector's). */
  concurrency?: number | undefined;
  /** The per-second window, scaled; unset means "limits off" (windows too large to bind). */
  perSecond?: { limit: number; intervalMs: number } | undefined;
}

const UNBOUNDED = 1_000_000;

/** A Kandji connector on the sandbox. Without `perSecond` no window binds. */
export function kandji(c: Credentials, o: KandjiBenchOptions = {}) {
  return createKandjiConnector({
    apiToken: c.apiToken,
    baseUrl: c.baseUrl,
    ...(o.concurrency === undefined ? {} : { concurrency: o.concurrency }),
    limits: {
      perSecond: o.perSecond?.limit ?? UNBOUNDED,
      secondMs: o.perSecond?.intervalMs ?? 1_000,
      perHour: UNBOUNDED,
    },
  });
}

/**
 * The loop a developer would write against Kandji by hand: follow `next` until it is null. Kandji's
 * `next` may name another host (the sandbox imitates that), so only its `cursor` is carried over.
 */
export async function* kandjiRawLoop(c: Credentials): AsyncGenerator<unknown> {
  const headers = { authorization: `Bearer ${c.apiToken}`, accept: 'application/json' };
  const users = `${c.baseUrl}/api/v1/users`;
  let url: string | undefined = users;
  while (url !== undefined) {
    const res: Response = await fetch(url, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status} from the sandbox`);
    const body = (await res.json()) as { next: string | null; results: Array<{ email: unknown }> };
    for (const user of body.results) {
      if (typeof user.email === 'string' && user.email.trim() !== '') yield user;
    }
    const cursor = body.next === null ? null : new URL(body.next).searchParams.get('cursor');
    url = cursor === null ? undefined : `${users}?cursor=${encodeURIComponent(cursor)}`;
  }
}
