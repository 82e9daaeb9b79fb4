import { type ListContext, listOf, type QueryParams, resource } from '@org/connector-core/kit';
import type * as v from 'valibot';
import { KandjiPrismDeviceInformationPage } from '../schemas/prism/device-information.js';
import {
  KandjiPrismAppPage,
  KandjiPrismInstalledProfilePage,
  KandjiPrismLocalUserPage,
} from '../schemas/prism/inventory.js';
import {
  KandjiPrismActivationLockPage,
  KandjiPrismFilevaultPage,
  KandjiPrismFirewallPage,
  KandjiPrismGatekeeperPage,
  KandjiPrismStartupSettingsPage,
} from '../schemas/prism/security.js';
import { kandjiLimit, offsetWithTotal } from './paging.js';

/** Options of every Prism category's `list()`, as Kandji's Prism endpoints take them. */
export interface KandjiPrismOptions {
  /** Rows per request, 1 to 300 (default: the connection's `pageSize`, 300). */
  limit?: number | undefined;
  /** Only devices on these blueprints (sent comma-separated as `blueprint_ids`). */
  blueprintIds?: readonly string[] | undefined;
  /** Only these device families: `Mac`, `iPhone`, `iPad`, `tvOS` (`device_families`). */
  deviceFamilies?: readonly string[] | undefined;
  /**
   * Prism's `filter`: keys of the category's rows with `eq`, `in`, `not_in`, `like`, `not_like`,
   * `lt`, `gt`, `lte`, `gte`, such as `{ device__user_email: { in: ['a@b.c'] } }`. Sent as JSON.
   */
  filter?: Record<string, unknown> | undefined;
  /** A row key to sort by; prefix `-` for descending (`sort_by`). */
  sortBy?: string | undefined;
}

/** The query a Prism category takes from {@link KandjiPrismOptions}. */
export function prismQuery(o: KandjiPrismOptions): QueryParams {
  return {
    blueprint_ids: o.blueprintIds?.length ? o.blueprintIds.join(',') : undefined,
    device_families: o.deviceFamilies?.length ? o.deviceFamilies.join(',') : undefined,
    filter: o.filter === undefined ? undefined : JSON.stringify(o.filter),
    sort_by: o.sortBy,
  };
}

/** A Prism page schema: validated, it holds the rows and the total (when Kandji counted them). */
export type KandjiPrismPageSchema<Row> = v.GenericSchema<
  unknown,
  { data: Row[]; total: number | null }
>;

/**
 * A Prism category: `GET /api/v1/prism/<category>`, `{ data, total, ... }` pages read with
 * limit/offset (300 rows at most). When the page states `total`, later pages are fetched in
 * parallel; when it is `null` (some categories), paging stops on a short page.
 */
function prism<Row extends { device_id: string }>(
  category: string,
  page: KandjiPrismPageSchema<Row>,
) {
  return resource({
    list: listOf({
      path: `prism/${category}`,
      page,
      items: (p) => p.data,
      itemsPath: '$.data',
      query: (o: KandjiPrismOptions) => prismQuery(o),
      paging: (ctx: ListContext, o: KandjiPrismOptions) =>
        offsetWithTotal<{ data: Row[]; total: number | null }>(
          kandjiLimit(o.limit, ctx.pageSize, 'Prism'),
          (p) => p.total,
        ),
    }),
  });
}

/** Prism's categories the connector reads, fleet-wide, a page of rows per request. */
export const prismResources = {
  /** Device information: one row per device (model, OS, check-ins, enrollment). */
  deviceInformation: prism('device_information', KandjiPrismDeviceInformationPage),
  /** FileVault: one row per Mac (on/off, key escrow). */
  filevault: prism('filevault', KandjiPrismFilevaultPage),
  /** Activation lock: one row per device (user and device lock, supported, bypass). */
  activationLock: prism('activation_lock', KandjiPrismActivationLockPage),
  /** Applications: one row per app per device. */
  apps: prism('apps', KandjiPrismAppPage),
  /** Installed profiles: one row per profile per device. */
  installedProfiles: prism('installed_profiles', KandjiPrismInstalledProfilePage),
  /** Local users: one row per local account per Mac. */
  localUsers: prism('local_users', KandjiPrismLocalUserPage),
  /** Gatekeeper and XProtect: one row per Mac. */
  gatekeeperAndXprotect: prism('gatekeeper_and_xprotect', KandjiPrismGatekeeperPage),
  /** Application firewall: one row per Mac. */
  applicationFirewall: prism('application_firewall', KandjiPrismFirewallPage),
  /** Startup settings: one row per Mac (System Integrity Protection, secure boot). */
  startupSettings: prism('startup_settings', KandjiPrismStartupSettingsPage),
};
