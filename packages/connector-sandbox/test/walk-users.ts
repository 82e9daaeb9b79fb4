import { getPath } from '../src/control/faults.js';
import type { Sandbox, Vendor, VendorFacts } from '../src/index.js';
import { SANDBOX_VENDORS } from '../src/vendors/registry.js';
import { call } from './helpers.js';

/** The facts a vendor's sandbox folder declares. */
export const factsOf = (vendor: Vendor) =>
  (SANDBOX_VENDORS[vendor] as unknown as { facts: VendorFacts<unknown> }).facts;

/** A request's credential header, the way the vendor's facts say it travels. */
export function authHeaders(vendor: Vendor, s: Sandbox): Record<string, string> {
  const facts = factsOf(vendor);
  const [carrier] = facts.auth;
  const [secret] = facts.secrets(s.credentials);
  if (!carrier || !secret) throw new Error(`${vendor}: no credential carrier`);
  return { [carrier.header]: carrier.scheme ? `${carrier.scheme} ${secret}` : String(secret) };
}

/** The users-list path of a vendor's sandbox (its pattern made a path). */
const usersPathOf = (facts: VendorFacts<unknown>) =>
  facts.usersPath.source
    .replace(/^\^/, '')
    .replace(/\\\/\?\$$|\$$/, '')
    .replaceAll('\\/', '/');

/**
 * Walks a users list page after page the way the vendor's facts say it pages (by id, where it
 * takes a sort), for at most `pages` pages of `pageSize`, and returns the ids it listed.
 */
export async function walkUsers(
  vendor: Vendor,
  s: Sandbox,
  o: { pages?: number; pageSize?: number; fetch?: typeof fetch } = {},
): Promise<string[]> {
  const facts = factsOf(vendor);
  const { paging } = facts;
  const size = o.pageSize ?? 100;
  const base = new URL(`${s.url}${usersPathOf(facts)}`);
  if (paging.size.param) base.searchParams.set(paging.size.param, String(size));
  if (facts.sort) base.searchParams.set(facts.sort.param, vendor === 'jumpcloud' ? '_id' : 'id');
  const ids: string[] = [];
  let url: URL | undefined = base;
  for (let n = 0; url && n < (o.pages ?? 1_000); n++) {
    const res = o.fetch
      ? await o.fetch(url, { headers: authHeaders(vendor, s) }).then(async (r) => ({
          headers: r.headers,
          body: (await r.json()) as unknown,
        }))
      : await call(url.toString(), authHeaders(vendor, s));
    const items = (getPath(res.body, facts.items) ?? []) as unknown[];
    ids.push(...items.map((i) => String(getPath(i, facts.id))));
    const body = res.body as Record<string, unknown>;
    let next: string | null | undefined;
    if (paging.carried === 'page')
      next = paging.link && body[paging.link] === null ? null : String(n + 2);
    else if (paging.carried === 'offset')
      next = items.length < size ? null : String((n + 1) * size);
    else if (paging.carried === 'link-header')
      next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    else next = body[paging.field] as string | null;
    if (next == null) return ids;
    url = new URL(base);
    // Kandji's and Okta's links may name another host: the cursor is what a client takes.
    const carried = paging.carried === 'body-link' || paging.carried === 'link-header';
    url.searchParams.set(
      paging.param,
      carried ? (new URL(next).searchParams.get(paging.param) as string) : next,
    );
  }
  return ids;
}
