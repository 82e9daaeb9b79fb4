// The sequential client a developer typically writes by hand for each vendor: `node-fetch`, a small
// retry wrapper (429 and 5xx retried with backoff, `Retry-After` honoured), JSON parsed, the users
// yielded. The overhead scenario compares it with the connector at concurrency 1.
import type { CredentialsByVendor } from '@org/connector-sandbox';
import fetch from 'node-fetch';

class Retryable extends Error {
  readonly waitMs: number | undefined;
  constructor(message: string, waitMs: number | undefined) {
    super(message);
    this.waitMs = waitMs;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET `url` as JSON, retrying 429 and 5xx responses and network errors up to 3 times. */
async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { headers });
      if (res.status === 429 || res.status >= 500) {
        const after = Number(res.headers.get('retry-after'));
        await res.arrayBuffer();
        throw new Retryable(
          `HTTP ${res.status}`,
          Number.isFinite(after) ? after * 1000 : undefined,
        );
      }
      if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
      return (await res.json()) as T;
    } catch (error) {
      const retryable =
        error instanceof Retryable || (error as { type?: string }).type === 'system';
      if (!retryable || attempt >= 4) throw error;
      await sleep((error as Partial<Retryable>).waitMs ?? 250 * 2 ** attempt);
    }
  }
}

/** Hexnode by hand: `page=1, 2, ...` until `next` is null, the "Default User" (no email) skipped. */
export async function* hexnodeHandWritten(
  c: CredentialsByVendor['hexnode'],
  pageSize: number,
): AsyncGenerator<unknown> {
  const headers = { authorization: c.apiKey, accept: 'application/json' };
  for (let page = 1; ; page++) {
    const body = await getJson<{ next: string | null; results: Array<{ email: unknown }> }>(
      `${c.baseUrl}users/?page=${page}&per_page=${pageSize}`,
      headers,
    );
    for (const user of body.results) if (user.email !== null) yield user;
    if (body.next === null) return;
  }
}

/** Kandji by hand: follow `next`'s cursor until it is null, users without an email skipped. */
export async function* kandjiHandWritten(
  c: CredentialsByVendor['kandji'],
): AsyncGenerator<unknown> {
  const headers = { authorization: `Bearer ${c.apiToken}`, accept: 'application/json' };
  const users = `${c.baseUrl}/api/v1/users`;
  let url: string | undefined = users;
  while (url !== undefined) {
    const body: { next: string | null; results: Array<{ email: unknown }> } = await getJson(
      url,
      headers,
    );
    for (const user of body.results) {
      if (typeof user.email === 'string' && user.email.trim() !== '') yield user;
    }
    const cursor = body.next === null ? null : new URL(body.next).searchParams.get('cursor');
    url = cursor === null ? undefined : `${users}?cursor=${encodeURIComponent(cursor)}`;
  }
}

/** JumpCloud by hand: `limit`/`skip`, sorted by `_id`, `skip += limit` until the total is read. */
export async function* jumpcloudHandWritten(
  c: Pick<CredentialsByVendor['jumpcloud'], 'apiKey' | 'orgId' | 'baseUrl'>,
  pageSize: number,
): AsyncGenerator<unknown> {
  const headers = { 'x-api-key': c.apiKey, 'x-org-id': c.orgId, accept: 'application/json' };
  for (let skip = 0; ; skip += pageSize) {
    const body = await getJson<{ totalCount: number; results: unknown[] }>(
      `${c.baseUrl}/api/systemusers?sort=_id&limit=${pageSize}&skip=${skip}`,
      headers,
    );
    yield* body.results;
    if (body.results.length < pageSize || skip + pageSize >= body.totalCount) return;
  }
}
