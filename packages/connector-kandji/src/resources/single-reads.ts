import type { CallOptions } from '@org/connector-core';
import type { HttpClient } from '@org/connector-core/kit';
import { KandjiDeviceDetails } from '../schemas/device-details.js';
import { KandjiPrismCount } from '../schemas/prism/count.js';
import { kandjiUuid } from './uuid.js';

/** The Prism categories `prismCount()` knows (Kandji's names, with `_` for spaces). */
export const KANDJI_PRISM_CATEGORIES = [
  'device_information',
  'filevault',
  'activation_lock',
  'apps',
  'installed_profiles',
  'local_users',
  'gatekeeper_and_xprotect',
  'application_firewall',
  'certificates',
  'cellular',
  'desktop_and_screensaver',
  'kernel_extensions',
  'launch_agents_and_daemons',
  'startup_settings',
  'system_extensions',
  'transparency_database',
] as const;

/** A Prism category name, as `GET /api/v1/prism/count?category=` takes it. */
export type KandjiPrismCategory = (typeof KANDJI_PRISM_CATEGORIES)[number];

/** `GET /api/v1/devices/{device_id}/details`: one device's full record, one request. */
export async function readDeviceDetails(
  http: HttpClient,
  deviceId: string,
  o: CallOptions = {},
): Promise<KandjiDeviceDetails> {
  const path = `devices/${kandjiUuid(deviceId, 'device id')}/details`;
  const { data } = await http.request({ path, schema: KandjiDeviceDetails, signal: o.signal });
  return data;
}

/** `GET /api/v1/prism/count?category=<category>`: how many rows a Prism category holds. */
export async function readPrismCount(
  http: HttpClient,
  category: KandjiPrismCategory,
  o: CallOptions = {},
): Promise<KandjiPrismCount> {
  if (!(KANDJI_PRISM_CATEGORIES as readonly string[]).includes(category)) {
    throw new TypeError(`Kandji has no Prism category named ${JSON.stringify(category)}`);
  }
  const { data } = await http.request({
    path: 'prism/count',
    query: { category },
    schema: KandjiPrismCount,
    signal: o.signal,
  });
  return data;
}
