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
