import type { TransportOptions } from '@org/connector-core';
import {
  boundedInt,
  type ConfigWording,
  connectorOptions,
  httpsUrl,
  secret,
} from '@org/connector-core/kit';
import * as v from 'valibot';

/** Hexnode's published limits: 30 calls a minute, and 10 calls per managed device per day. */
export const HEXNODE_RATE_LIMITS = {
  /** 30 calls per minute. */
  perMinute: { limit: 30, intervalMs: 60_000 },
  /** 10 calls per managed device per day, pooled across the account. */
  perDay: { perDevice: 10, intervalMs: 86_400_000 },
  /** Longest a call waits for a slot (or a 429's wait) before it fails fast. */
  maxWaitMs: 60_000,
} as const;

/** Items per page when `pageSize` is not set (the largest size seen working in public clients). */
export const HEXNODE_DEFAULT_PAGE_SIZE = 100;

/** How Hexnode's config errors are worded. */
export const HEXNODE_WORDING: ConfigWording = {
  vendor: 'hexnode',
  label: 'Hexnode',
  hints: {
    apiKey:
      'copy the API key from Admin › General Settings › API in the Hexnode portal (with "Enable API access" on) and paste the key alone',
    portal: 'give the portal name, such as acme for https://acme.hexnodemdm.com/, or that URL',
    baseUrl: 'give the API root of a proxy or the sandbox, such as http://127.0.0.1:4010/api/v1/',
    managedDevices:
      'give the managed device count shown under Manage › Devices, or leave it out to read it with one call',
    limits: 'give this connection a share of the portal budget (30 a minute, 10 per device a day)',
    '*': 'see the options of createHexnodeConnector',
  },
};

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PORTAL_DOMAIN = '.hexnodemdm.com';
const NOT_A_PORTAL =
  'must be the portal name (myportal) or its URL (https://myportal.hexnodemdm.com/)';

/**
 * Reduces what an admin pastes as the portal to the portal name: `myportal`,
 * `myportal.hexnodemdm.com` and `https://myportal.hexnodemdm.com/...` all give `myportal`. Returns
 * the problem instead when it names anything else; the value is never echoed (a secret may have been
 * pasted into the wrong field).
 */
export function portalName(input: string): { portal: string } | { problem: string } {
  const text = input.trim().toLowerCase();
  if (text === '') return { problem: 'is required' };
  if (LABEL.test(text)) return { portal: text };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return { problem: NOT_A_PORTAL };
  const url = new URL(withScheme);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: NOT_A_PORTAL };
  if (url.username !== '' || url.password !== '' || url.port !== '')
    return { problem: NOT_A_PORTAL };
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  const label = host.endsWith(PORTAL_DOMAIN) ? host.slice(0, -PORTAL_DOMAIN.length) : '';
  return LABEL.test(label) ? { portal: label } : { problem: NOT_A_PORTAL };
}

const Portal = v.pipe(
  v.string('is required'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const result = portalName(dataset.value);
    if ('portal' in result) return result.portal;
    addIssue({ message: result.problem });
    return NEVER;
  }),
);

const positive = (max = Number.MAX_SAFE_INTEGER) => v.optional(boundedInt(1, max));

/** The options of `createHexnodeConnector`, validated; the resolved config is its output. */
export const HexnodeOptions = v.pipe(
  v.object({
    /**
     * API key from Admin › General Settings › API, sent raw in `Authorization` (no `Bearer`), and
     * only to the portal's origin (or `baseUrl`'s).
     */
    apiKey: secret(),
    /**
     * The portal name (`myportal` for `https://myportal.hexnodemdm.com/`); a pasted portal URL or
     * host name is reduced to the name. Also the tenant a snapshot is bound to.
     */
    portal: Portal,
    /**
     * Explicit API root (the sandbox, a proxy) instead of `https://<portal>.hexnodemdm.com/api/v1/`;
     * https, or http on loopback only. Never derived from response data.
     */
    baseUrl: v.optional(httpsUrl()),
    /**
     * Managed devices on the portal, which sets the daily quota. When unset, the connector learns
     * it with one call (`devices/?per_page=1`) before its first other call.
     */
    managedDevices: v.optional(boundedInt(0, Number.MAX_SAFE_INTEGER)),
    ...connectorOptions({ defaultPageSize: HEXNODE_DEFAULT_PAGE_SIZE, maxPageSize: 1000 }),
    /**
     * Overrides of Hexnode's limits (tests, a plan with other limits, a budget shared with another app).
     */
    limits: v.optional(
      v.object({
        /** The short window: `limit` calls per `intervalMs` (default 30 per 60,000 ms). */
        perMinute: v.optional(v.object({ limit: positive(), intervalMs: positive() }), {}),
        /**
         * The daily quota: `perDevice` (10) × managed devices per `intervalMs` (86,400,000 ms), or
         * `limit` outright.
         */
        perDay: v.optional(
          v.object({ limit: positive(), perDevice: positive(), intervalMs: positive() }),
          {},
        ),
        /**
         * Longest a call may wait for a rate-limit slot, or for the wait a 429 asks for, before
         * failing with `RateLimitError` (default 60,000 ms): a used-up daily quota fails fast.
         */
        maxWaitMs: v.optional(boundedInt(0, 2 ** 31 - 1)),
      }),
      {},
    ),
  }),
  v.transform(({ baseUrl, ...rest }) => ({
    ...rest,
    // API base URL, ending in `/`.
    baseUrl: baseUrl ?? `https://${rest.portal}${PORTAL_DOMAIN}/api/v1/`,
  })),
);

/** Options of `createHexnodeConnector`: the connection's settings plus transport hooks. */
export interface HexnodeConnectorOptions
  extends v.InferInput<typeof HexnodeOptions>,
    TransportOptions {}

/** A Hexnode connection's settings after validation. */
export type HexnodeConfig = v.InferOutput<typeof HexnodeOptions>;
