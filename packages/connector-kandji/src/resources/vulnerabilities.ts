import { listOf, nextLink, resource } from '@org/connector-core/kit';
import { KandjiDetectionPage } from '../schemas/vulnerability.js';
import { kandjiLimit } from './paging.js';

/** Options of `vulnerabilityDetections.list()`. */
export interface KandjiDetectionOptions {
  /** Detections per request, 1 to 300 (`size`; default: the connection's `pageSize`). */
  size?: number | undefined;
  /** Filter on a detection's keys, Prism-style, such as `{ cve_id: { in: ['CVE-2024-24795'] } }`. */
  filter?: Record<string, unknown> | undefined;
}

/**
 * Vulnerability detections across the fleet (Vulnerability Management tenants): cursor pages, the
 * `after` cursor taken out of the `next` URL (its host and path are never used).
 */
export const vulnerabilityDetections = resource({
  list: listOf({
    path: 'vulnerability-management/detections',
    page: KandjiDetectionPage,
    items: (page) => page.results,
    itemsPath: '$.results',
    query: (o: KandjiDetectionOptions) => ({
      filter: o.filter === undefined ? undefined : JSON.stringify(o.filter),
    }),
    paging: (ctx, o: KandjiDetectionOptions) => {
      const size = kandjiLimit(o.size, ctx.pageSize, 'detection');
      const links = nextLink<KandjiDetectionPage>({ next: (p) => p.next, params: ['after'] });
      // `size` goes with every page, the cursor only after the first.
      return {
        ...links,
        first: () => ({ ...links.first(), query: { size } }),
        next: (c) => {
          const n = links.next(c);
          return n && { ...n, query: { ...n.query, size } };
        },
      };
    },
  }),
});
