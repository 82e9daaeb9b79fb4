import { linkHeader, type PageParams, type PaginationStrategy } from '@org/connector-core/kit';

/**
 * Okta's paging: the `Link` header's `rel="next"`, whose opaque `after` cursor is all that is
 * carried, with `limit` (the connection's `pageSize`) on every page. A page holding more than
 * twice what was asked is refused as no page of the list: Okta never sends more than `limit`.
 */
export const oktaPaging = <P>(pageSize: number): PaginationStrategy<P> => {
  const link = linkHeader<P>({ params: ['after'] });
  const sized = (p: PageParams): PageParams => ({ ...p, query: { ...p.query, limit: pageSize } });
  return {
    ...link,
    first: () => sized(link.first()),
    next: (ctx) => {
      const p = link.next(ctx);
      return p && sized(p);
    },
    maxPageItems: 2 * pageSize,
  };
};

/** An Okta id in a path: letters and digits only, so it cannot change the path. */
export function oktaId(id: string, what: string): string {
  if (!/^[A-Za-z0-9]{1,64}$/.test(id))
    throw new RangeError(`An Okta ${what} is letters and digits`);
  return id;
}

/** A one-response list (a user's factors or roles): no next page. */
export function singlePage<P>(): PaginationStrategy<P> {
  return { name: 'single', first: () => ({ key: 'single' }), next: () => undefined };
}
