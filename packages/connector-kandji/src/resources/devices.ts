import type { CallOptions, Paginated } from '@org/connector-core';
import { type HttpClient, offset, paginate } from '@org/connector-core/kit';
import { KandjiDevice, KandjiDevicePage } from '../schemas/device.js';
import { kandjiUuid } from './uuid.js';

/** Kandji's hard upper limit of devices per request. */
export const KANDJI_MAX_DEVICE_PAGE = 300;

/** Options of {@link KandjiDevices.list}. */
export interface KandjiDeviceListOptions extends CallOptions {
  /** Devices per request, 1 to 300 (default 300, Kandji's maximum). */
  limit?: number | undefined;
  /**
   * Pages fetched at once once `x-total-count` has told how many there are (default: the
   * connector's concurrency). Every request still passes the rate limiter.
   */
  concurrency?: number | undefined;
  /** Stops after this many devices. */
  maxItems?: number | undefined;
  /** Extra filters Kandji's devices endpoint takes, such as `platform` or `user_email_exact`. */
  filters?: Record<string, string | number | boolean | undefined> | undefined;
}

/** The devices of a Kandji tenant. */
export interface KandjiDevices {
  /**
   * Streams every device with `limit`/`offset` over Kandji's bare-array pages, up to 300 per
   * request. Stops on a short or empty page or when `x-total-count` is reached; once the total is
   * known, later pages are fetched in parallel.
   */
  list(options?: KandjiDeviceListOptions): Paginated<KandjiDevice>;
  /** Reads one device by its `device_id`. Throws `NotFoundError` when there is none. */
  get(deviceId: string, options?: CallOptions): Promise<KandjiDevice>;
}

/** Reads `x-total-count`; `undefined` when missing or not a count. */
export function totalCountHeader(headers: Headers): number | undefined {
  const raw = headers.get('x-total-count');
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}

/** Builds the devices resource over a configured HTTP client. */
export function createDevicesResource(
  http: HttpClient,
  defaults: { concurrency: number },
): KandjiDevices {
  return {
    list(options = {}) {
      const limit = options.limit ?? KANDJI_MAX_DEVICE_PAGE;
      if (!Number.isInteger(limit) || limit < 1 || limit > KANDJI_MAX_DEVICE_PAGE) {
        throw new RangeError(`Kandji device pages hold 1 to ${KANDJI_MAX_DEVICE_PAGE} devices`);
      }
      const { limit: _l, offset: _o, ...filters } = options.filters ?? {};
      return paginate(http, {
        path: 'devices',
        query: filters,
        page: KandjiDevicePage,
        items: (page) => page,
        strategy: offset<KandjiDevicePage>({
          limit,
          limitParam: 'limit',
          offsetParam: 'offset',
          total: (_page, headers) => totalCountHeader(headers),
        }),
        concurrency: options.concurrency ?? defaults.concurrency,
        signal: options.signal,
        maxItems: options.maxItems,
      });
    },
    async get(deviceId, options = {}) {
      const { data } = await http.request({
        path: `devices/${kandjiUuid(deviceId, 'device id')}`,
        schema: KandjiDevice,
        signal: options.signal,
      });
      return data;
    },
  };
}
