// Every bench scenario creates JumpCloud connectors here, so an option rename lands in one place.
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
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

/**
 * The loop a developer would write against JumpCloud by hand: `limit`/`skip`, sorted by `_id`,
 * parse, yield, next page. `step` is how far `skip` moves: `pageSize` the ordinary way; one less
 * reproduces the connector's overlapping pages (each page re-reads the previous one's last user
 * to notice deletions), so the two loops together price the overlap.
 */
export async function* jumpcloudRawLoop(
  c: Credentials,
  pageSize: number,
  step = pageSize,
): AsyncGenerator<unknown> {
  const headers = { 'x-api-key': c.apiKey, 'x-org-id': c.orgId, accept: 'application/json' };
  const overlap = pageSize - step;
  for (let page = 0; ; page++) {
    const skip = page * step;
    const url = `${c.baseUrl}/api/systemusers?sort=_id&limit=${pageSize}&skip=${skip}`;
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status} from the sandbox`);
    const body = (await res.json()) as { totalCount: number; results: unknown[] };
    const results = body.results;
    yield* page === 0 || overlap === 0 ? results : results.slice(overlap);
    if (results.length < pageSize || skip + pageSize >= body.totalCount) return;
  }
}
