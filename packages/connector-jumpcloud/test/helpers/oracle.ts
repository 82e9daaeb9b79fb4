/**
 * An independent reader of the sandbox for end-to-end assertions: plain `fetch`, one page after
 * another, no concurrency, no connector code. Only used while nothing changes the data.
 */
export async function readAll(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  o: { v1: boolean; sort?: string },
): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (let skip = 0; ; skip += 100) {
    const url = new URL(path, `${baseUrl}/`);
    url.searchParams.set('limit', '100');
    url.searchParams.set('skip', String(skip));
    if (o.sort) url.searchParams.set('sort', o.sort);
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`oracle: ${res.status} on ${path}`);
    const body = (await res.json()) as unknown;
    const items = (o.v1 ? (body as { results: unknown[] }).results : body) as Array<
      Record<string, unknown>
    >;
    out.push(...items);
    if (items.length < 100) return out;
  }
}

/**
 * An independent reader of Directory Insights: plain `fetch` of `POST /insights/directory/v1/events`
 * for `[start, end)`, oldest first, each next page asked with the `X-Search_after` header of the
 * last one, until a page comes back short. No connector code.
 */
export async function readEvents(
  sandboxUrl: string,
  headers: Record<string, string>,
  o: { start: Date; end: Date; limit: number; service?: string[] },
): Promise<Array<Record<string, unknown>>> {
  const url = new URL('insights/directory/v1/events', `${sandboxUrl}/`);
  const out: Array<Record<string, unknown>> = [];
  let searchAfter: unknown;
  for (let page = 0; page < 100_000; page++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        service: o.service ?? ['all'],
        start_time: o.start.toISOString(),
        end_time: o.end.toISOString(),
        limit: o.limit,
        sort: 'ASC',
        ...(searchAfter === undefined ? {} : { search_after: searchAfter }),
      }),
    });
    if (!res.ok) throw new Error(`oracle: ${res.status} on POST events`);
    const items = (await res.json()) as Array<Record<string, unknown>>;
    out.push(...items);
    if (items.length < o.limit) return out;
    const next = res.headers.get('x-search_after');
    if (next === null) throw new Error('oracle: a full events page without X-Search_after');
    searchAfter = JSON.parse(next) as unknown;
  }
  throw new Error('oracle: events never ended');
}
