// Every bench scenario creates JumpCloud connectors here, so an option rename lands in one place.
import { createJumpCloudConnector, SystemUserAccount } from '@org/connector-jumpcloud';
import type { CredentialsByVendor } from '@org/connector-sandbox';

type Credentials = Pick<CredentialsByVendor['jumpcloud'], 'apiKey' | 'orgId' | 'baseUrl'>;

/** Bench settings of a JumpCloud connection. */
export interface JumpCloudBenchOptions {
  /** Requests in flight (default: the connector's). */
  concurrency?: number | undefined;
  /** Users per page (default: the connector's, 100). */
  pageSize?: number | undefined;
}

/** A JumpCloud connector on the sandbox (JumpCloud announces no limits; none are configured). */
export function jumpcloud(c: Credentials, o: JumpCloudBenchOptions = {}) {
  return createJumpCloudConnector({
    apiKey: c.apiKey,
    orgId: c.orgId,
    baseUrl: c.baseUrl,
    ...(o.pageSize === undefined ? {} : { pageSize: o.pageSize }),
    ...(o.concurrency === undefined ? {} : { concurrency: o.concurrency }),
  });
}

/** The `fields` selection the connector's `accounts()` sends: the lean schema's own keys. */
export const ACCOUNT_FIELDS = Object.keys(SystemUserAccount.entries).join(' ');

/**
 * The loop a developer would write against JumpCloud by hand: `limit`/`skip`, sorted by `_id`,
 * parse, yield, next page. `step` is how far `skip` moves: `pageSize` the ordinary way; one less
 * reproduces the connector's overlapping pages (each page re-reads the previous one's last user
 * to notice deletions), so the two loops together price the overlap. `fields` asks for only those
 * fields (space-separated), as the connector's `accounts()` does.
 */
export async function* jumpcloudRawLoop(
  c: Credentials,
  pageSize: number,
  step = pageSize,
  fields?: string,
): AsyncGenerator<unknown> {
  const headers = { 'x-api-key': c.apiKey, 'x-org-id': c.orgId, accept: 'application/json' };
  const overlap = pageSize - step;
  const select = fields === undefined ? '' : `&fields=${encodeURIComponent(fields)}`;
  for (let page = 0; ; page++) {
    const skip = page * step;
    const url = `${c.baseUrl}/api/systemusers?sort=_id&limit=${pageSize}&skip=${skip}${select}`;
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status} from the sandbox`);
    const body = (await res.json()) as { totalCount: number; results: unknown[] };
    const results = body.results;
    yield* page === 0 || overlap === 0 ? results : results.slice(overlap);
    if (results.length < pageSize || skip + pageSize >= body.totalCount) return;
  }
}

/**
 * The same hand-written loop with `depth` requests in flight, as a developer would hide latency by
 * hand: the first page tells the total, then pages `1, 2, …` are requested `depth` at a time and
 * yielded in order. It prices what concurrency itself costs (bodies arriving at once, pages waiting
 * their turn), so a connector at concurrency `depth` is compared with a loop doing the same.
 */
export async function* jumpcloudRawLoopAhead(
  c: Credentials,
  pageSize: number,
  depth: number,
): AsyncGenerator<unknown> {
  const headers = { 'x-api-key': c.apiKey, 'x-org-id': c.orgId, accept: 'application/json' };
  const get = async (page: number) => {
    const url = `${c.baseUrl}/api/systemusers?sort=_id&limit=${pageSize}&skip=${page * pageSize}`;
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status} from the sandbox`);
    return (await res.json()) as { totalCount: number; results: unknown[] };
  };
  const first = await get(0);
  yield* first.results;
  const pages = Math.ceil(first.totalCount / pageSize);
  const ahead: Array<Promise<{ results: unknown[] }>> = [];
  let next = 1;
  const fill = () => {
    while (ahead.length < depth && next < pages) {
      const p = get(next++);
      p.catch(() => {}); // awaited in order below
      ahead.push(p);
    }
  };
  fill();
  while (ahead.length > 0) {
    const page = await (ahead.shift() as Promise<{ results: unknown[] }>);
    fill();
    yield* page.results;
  }
}
