import { NotFoundError } from '@org/connector-core';
import {
  type ContinuityOptions,
  getOf,
  listOf,
  pageNumber,
  resource,
} from '@org/connector-core/kit';
import type * as v from 'valibot';
import { HexnodeDeviceDetail, HexnodeDevicePage } from './schemas/device.js';
import { HexnodeDeviceGroupDetail, HexnodeDeviceGroupPage } from './schemas/device-group.js';
import { HexnodeUser, HexnodeUserPage } from './schemas/user.js';
import { HexnodeUserGroupDetail, HexnodeUserGroupPage } from './schemas/user-group.js';

/** Filters of `GET users/`, passed to Hexnode as given. */
export interface HexnodeUserFilters {
  /** Field to sort by, such as `id` or `-id`. */
  order_by?: string | undefined;
  /** `local` users or directory (Active Directory, Entra ID, ...) users. */
  user_type?: string | undefined;
  /** Users with enrolled devices or without. */
  enrollment_status?: string | undefined;
}

/** Filters of `GET devices/`, passed to Hexnode as given. */
export interface HexnodeDeviceFilters {
  /** Platform, such as `ios`, `android`, `windows`, `macos`. */
  platform?: string | undefined;
  /** Only active (or inactive) devices. */
  is_active?: boolean | undefined;
  /** Kind of device, as Hexnode names it. */
  device_type?: string | undefined;
  /** Field to sort by, such as `id` or `-id`. */
  order_by?: string | undefined;
}

/** Options of a Hexnode `list()` beside `signal` and `maxItems`: the route's filters. */
export interface HexnodeListOptions<F> {
  /** Hexnode filters. */
  filters?: F | undefined;
}

type Filtered = HexnodeListOptions<{ order_by?: string | undefined }>;
type Envelope = { count: number; next: string | null };

/**
 * Requests a full listing costs: the first page, and with more than one page, every page again from
 * the last down to the first (see {@link backwardById}).
 */
export function listingCost(pages: number): number {
  return pages > 1 ? pages + 1 : 1;
}

/**
 * Whether the list is read in an order by id (asked for by default), so the listing can prove no
 * live item was hidden by deletions: the order the pages really come in decides how.
 */
const byId = (o: Filtered) =>
  o.filters?.order_by === undefined || o.filters.order_by === 'id' || o.filters.order_by === '-id';

/** DRF's 404 "Invalid page.": the page asked for is past the end of the list as it is now. */
function isVanishedPage(error: unknown): boolean {
  return error instanceof NotFoundError && /invalid page/i.test(error.message);
}

/**
 * Page numbers shift when items are deleted mid-list, so a list in an order by id is read the way
 * core's `continuity: 'backward'` proves complete: oldest first (as `order_by=id` asks) from the
 * last page down to the first, newest first (Hexnode's own default, which a portal may keep
 * whatever is asked) forward, each page checked against what was listed. Pages in no order by
 * id are still listed whole, the read reported unproven. A page that vanished ("Invalid page.")
 * only means its items moved. A caller's own `order_by` on another field gives that guarantee up
 * for parallel fetching of later pages.
 */
function backwardById<Item extends { id: number }>(
  o: Filtered,
): ContinuityOptions<Item> | undefined {
  return byId(o) ? { mode: 'backward', id: (item) => String(item.id), isVanishedPage } : undefined;
}

/** The path of one object: `<collection>/<id>/`, with the id checked so it cannot change the path. */
export function itemPath(collection: string, id: number): string {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new TypeError(`A Hexnode ${collection} id is a non-negative integer`);
  }
  return `${collection}/${id}/`;
}

type PageSchema = v.GenericSchema<unknown, Envelope & { results: { id: number }[] }>;
type ItemOf<S extends PageSchema> = v.InferOutput<S>['results'][number];

/** A Hexnode list: DRF's `{ count, next, previous, results }`, read by id (see {@link backwardById}). */
function hexnodeList<S extends PageSchema, F extends { order_by?: string | undefined }>(
  path: string,
  page: S,
  sortable: boolean,
) {
  return listOf<S, ItemOf<S>, HexnodeListOptions<F>>({
    path,
    page,
    items: (p) => p.results as ItemOf<S>[],
    itemsPath: '$.results',
    // Only users and devices take `order_by`; the groups come sorted by id. What a portal does
    // with the order asked for is checked page by page, never trusted.
    query: (o) =>
      sortable && byId(o)
        ? { ...o.filters, order_by: o.filters?.order_by ?? 'id' }
        : { ...o.filters },
    // Core tells `planListing` the calls left once the first page told `count` (the daily quota).
    paging: (ctx) =>
      pageNumber({ size: ctx.pageSize, hasMore: (p) => p.next !== null, total: (p) => p.count }),
    continuity: backwardById,
    id: (item) => String(item.id),
  });
}

/** Hexnode's resource table: what `createHexnodeConnector` builds its four resources from. */
export const hexnodeResources = {
  /** Users (`GET users/`, `GET users/{id}/`), including the "Default User" with no email. */
  users: resource({
    list: hexnodeList<typeof HexnodeUserPage, HexnodeUserFilters>('users/', HexnodeUserPage, true),
    get: getOf({ path: (id: number) => itemPath('users', id), schema: HexnodeUser }),
  }),
  /** User groups (`GET usergroups/`, without members); `get()` includes the members. */
  userGroups: resource({
    list: hexnodeList<typeof HexnodeUserGroupPage, never>(
      'usergroups/',
      HexnodeUserGroupPage,
      false,
    ),
    get: getOf({
      path: (id: number) => itemPath('usergroups', id),
      schema: HexnodeUserGroupDetail,
    }),
  }),
  /**
   * Managed devices (`GET devices/`); `get(id)` (`GET devices/{id}/`) adds the device's
   * encryption and passcode state (see `HexnodeDeviceDetail`).
   */
  devices: resource({
    list: hexnodeList<typeof HexnodeDevicePage, HexnodeDeviceFilters>(
      'devices/',
      HexnodeDevicePage,
      true,
    ),
    get: getOf({ path: (id: number) => itemPath('devices', id), schema: HexnodeDeviceDetail }),
  }),
  /** Device groups (`GET devicegroups/`); `get()` includes the member devices. */
  deviceGroups: resource({
    list: hexnodeList<typeof HexnodeDeviceGroupPage, never>(
      'devicegroups/',
      HexnodeDeviceGroupPage,
      false,
    ),
    get: getOf({
      path: (id: number) => itemPath('devicegroups', id),
      schema: HexnodeDeviceGroupDetail,
    }),
  }),
};
