import { ConfigError } from '@org/connector-core';

/** Hexnode's published limits; the `limits` option scales them (tests, a plan with other limits). */
export const HEXNODE_DEFAULT_LIMITS = {
  /** 30 calls per minute. */
  perMinute: { limit: 30, intervalMs: 60_000 },
  /** 10 calls per managed device per day, pooled across the account. */
  perDay: { perDevice: 10, intervalMs: 86_400_000 },
  /** Requests in flight at once: enough to keep the minute window busy, few enough to be polite. */
  concurrency: 4,
  /** Longest a call waits for a slot (or a 429's wait) before it fails fast. */
  maxWaitMs: 60_000,
} as const;

/** Page size used when `perPage` is not set (the largest size seen working in public clients). */
export const HEXNODE_DEFAULT_PER_PAGE = 100;

/** Overrides of Hexnode's rate limits. Every field is optional; unset fields keep the defaults. */
export interface HexnodeLimits {
  /** The short window: `limit` calls per `intervalMs` (default 30 per 60,000 ms). */
  perMinute?: { limit?: number; intervalMs?: number };
  /**
   * The daily quota. By default it is `perDevice` (10) × the managed device count per
   * `intervalMs` (86,400,000 ms); `limit` sets the quota outright instead.
   */
  perDay?: { limit?: number; perDevice?: number; intervalMs?: number };
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /**
   * Longest a call may wait for a rate-limit slot, or for the wait a 429 asks for, before failing
   * with a `RateLimitError` instead (default 60,000 ms). A used-up daily quota therefore fails fast
   * with scope `quota` rather than blocking for hours.
   */
  maxWaitMs?: number;
}

/** What identifies and shapes a Hexnode connection. */
export interface HexnodeConfig {
  /** The API key from Admin › General Settings › API, sent raw in the `Authorization` header. */
  apiKey: string;
  /**
   * The portal name (`myportal` for `https://myportal.hexnodemdm.com/`). A pasted portal URL or
   * host name is accepted and reduced to the name.
   */
  portal: string;
  /** Name of the connection in the host app (default: the portal name). */
  name?: string;
  /** Items per page (default 100). Larger pages spend less of the rate budget. */
  perPage?: number;
  /**
   * Managed devices on the portal, which sets the daily quota. When unset, the connector learns it
   * with one call (`devices/?per_page=1`) before its first other call.
   */
  managedDevices?: number;
  /** Rate limit overrides. */
  limits?: HexnodeLimits;
  /**
   * Explicit API base URL (the sandbox, or a proxy), instead of `https://<portal>.hexnodemdm.com/api/v1/`.
   * Must be `https:`, or `http:` on a loopback host. Never derived from response data.
   */
  baseUrl?: string;
}

/** A validated, normalised {@link HexnodeConfig}. */
export interface ResolvedHexnodeConfig {
  /** The API key, trimmed. */
  apiKey: string;
  /** The portal name: one lowercase DNS label. */
  portal: string;
  /** Name of the connection. */
  name: string;
  /** API base URL, ending in `/`. */
  baseUrl: string;
  /** Items per page. */
  perPage: number;
  /** Managed device count, when configured. */
  managedDevices: number | undefined;
  /** Rate limits with every default filled in. */
  limits: {
    perMinute: { limit: number; intervalMs: number };
    perDay: { limit: number | undefined; perDevice: number; intervalMs: number };
    concurrency: number;
    maxWaitMs: number;
  };
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PORTAL_DOMAIN = '.hexnodemdm.com';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reduces what an admin pastes as the portal to the portal name: `myportal`,
 * `myportal.hexnodemdm.com` and `https://myportal.hexnodemdm.com/...` all give `myportal`.
 *
 * @param input - The portal name, host name or URL.
 * @returns The portal name, one lowercase DNS label.
 * @throws ConfigError when the input names anything else (another host, several labels, a port).
 */
export function normalizePortal(input: string): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new ConfigError(
      'Hexnode portal is required: the name in https://<portal>.hexnodemdm.com/',
      {
        vendor: 'hexnode',
      },
    );
  }
  const text = input.trim().toLowerCase();
  if (LABEL.test(text)) return text;

  // Not a bare label: it must be a host or URL on hexnodemdm.com. The value is not echoed, in case
  // a secret was pasted into the wrong field.
  const invalid = () =>
    new ConfigError(
      'Hexnode portal must be the portal name (myportal) or its URL (https://myportal.hexnodemdm.com/)',
      { vendor: 'hexnode' },
    );
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`);
  } catch {
    throw invalid();
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid();
  if (url.username !== '' || url.password !== '' || url.port !== '') throw invalid();
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (!host.endsWith(PORTAL_DOMAIN)) throw invalid();
  const label = host.slice(0, -PORTAL_DOMAIN.length);
  if (!LABEL.test(label)) throw invalid();
  return label;
}

/**
 * Validates an explicit base URL: `https:` anywhere, `http:` only on loopback (the sandbox), no
 * credentials, query or fragment. Returns it with a trailing slash so relative paths resolve below it.
 */
function normalizeBaseUrl(input: string): string {
  const invalid = (why: string) => new ConfigError(`Hexnode baseUrl ${why}`, { vendor: 'hexnode' });
  if (typeof input !== 'string' || input.trim() === '') throw invalid('must be a URL');
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw invalid('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw invalid('must use https (http is allowed only on localhost)');
  }
  if (url.username !== '' || url.password !== '') throw invalid('must not contain credentials');
  if (url.search !== '' || url.hash !== '') throw invalid('must not have a query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url.href;
}

function normalizeApiKey(input: unknown): string {
  const key = typeof input === 'string' ? input.trim() : '';
  if (key === '') {
    throw new ConfigError('Hexnode apiKey is required (Admin › General Settings › API)', {
      vendor: 'hexnode',
    });
  }
  // A header value cannot hold whitespace or control characters; they mean a bad paste.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(key)) {
    throw new ConfigError('Hexnode apiKey contains spaces or control characters: paste it again', {
      vendor: 'hexnode',
    });
  }
  return key;
}

function integer(
  value: number | undefined,
  fallback: number,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`Hexnode ${field} must be an integer from ${min} to ${max}`, {
      vendor: 'hexnode',
    });
  }
  return value;
}

/**
 * Validates and normalises a {@link HexnodeConfig}, filling in defaults.
 *
 * @param config - The configuration as the host app passes it.
 * @returns The resolved configuration.
 * @throws ConfigError on a missing API key, a portal that is not a Hexnode portal, an unsafe
 *   `baseUrl` or an out-of-range number.
 */
export function resolveConfig(config: HexnodeConfig): ResolvedHexnodeConfig {
  if (typeof config !== 'object' || config === null) {
    throw new ConfigError('Hexnode config must be an object with apiKey and portal', {
      vendor: 'hexnode',
    });
  }
  const apiKey = normalizeApiKey(config.apiKey);
  const portal = normalizePortal(config.portal);
  const baseUrl =
    config.baseUrl === undefined
      ? `https://${portal}${PORTAL_DOMAIN}/api/v1/`
      : normalizeBaseUrl(config.baseUrl);
  const name = config.name === undefined ? portal : String(config.name).trim();
  if (name === '')
    throw new ConfigError('Hexnode connection name must not be empty', { vendor: 'hexnode' });

  const limits = config.limits ?? {};
  const d = HEXNODE_DEFAULT_LIMITS;
  return {
    apiKey,
    portal,
    name,
    baseUrl,
    perPage: integer(config.perPage, HEXNODE_DEFAULT_PER_PAGE, 'perPage', 1, 1000),
    managedDevices:
      config.managedDevices === undefined
        ? undefined
        : integer(config.managedDevices, 0, 'managedDevices', 0),
    limits: {
      perMinute: {
        limit: integer(limits.perMinute?.limit, d.perMinute.limit, 'limits.perMinute.limit', 1),
        intervalMs: integer(
          limits.perMinute?.intervalMs,
          d.perMinute.intervalMs,
          'limits.perMinute.intervalMs',
          1,
        ),
      },
      perDay: {
        limit:
          limits.perDay?.limit === undefined
            ? undefined
            : integer(limits.perDay.limit, 0, 'limits.perDay.limit', 1),
        perDevice: integer(
          limits.perDay?.perDevice,
          d.perDay.perDevice,
          'limits.perDay.perDevice',
          1,
        ),
        intervalMs: integer(
          limits.perDay?.intervalMs,
          d.perDay.intervalMs,
          'limits.perDay.intervalMs',
          1,
        ),
      },
      concurrency: integer(limits.concurrency, d.concurrency, 'limits.concurrency', 1, 64),
      maxWaitMs: integer(limits.maxWaitMs, d.maxWaitMs, 'limits.maxWaitMs', 0),
    },
  };
}
