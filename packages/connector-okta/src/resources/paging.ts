import { linkHeader, type PaginationStrategy } from '@org/connector-core/kit';

/** Okta's paging: the `Link` header's `rel="next"`, whose opaque `after` cursor is all that is carried. */
export const oktaPaging = <P>(): PaginationStrategy<P> => linkHeader<P>({ params: ['after'] });

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
