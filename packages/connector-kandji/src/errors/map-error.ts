import {
  AuthenticationError,
  BadRequestError,
  type ConnectorError,
  PermissionError,
} from '@org/connector-core';
import { kandjiErrorDetail } from './error-detail.js';

// Prism categories as Kandji's API documentation names them.
const PRISM_NAMES: Record<string, string> = {
  device_information: 'Device information',
  filevault: 'FileVault',
  activation_lock: 'Activation lock',
  apps: 'Applications',
  installed_profiles: 'Installed profiles',
  local_users: 'Local users',
  gatekeeper_and_xprotect: 'Gatekeeper and XProtect',
  application_firewall: 'Application firewall',
  startup_settings: 'Startup settings',
  count: 'Count',
};

/** The Kandji API-token permission an endpoint needs, as the Configure screen names it. */
export function kandjiPermissionFor(endpoint: string): string {
  const path = endpoint
    .replace(/^[A-Z]+\s+/, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  if (/\/users$/.test(path)) return 'Users › List users';
  if (/\/users\/[^/]+$/.test(path)) return 'Users › Get user';
  if (/\/devices$/.test(path)) return 'Devices › List devices';
  if (/\/devices\/[^/]+$/.test(path)) return 'Devices › Device details';
  if (/\/devices\/[^/]+\/details$/.test(path)) return 'Devices › Get device details';
  if (/\/devices\/[^/]+\/apps$/.test(path)) return 'Devices › Get device apps';
  const prism = /\/prism\/([a-z_]+)$/.exec(path)?.[1];
  if (prism) return `Prism › ${PRISM_NAMES[prism] ?? prism.replace(/_/g, ' ')}`;
  if (/\/blueprints$/.test(path)) return 'Blueprints › List blueprints';
  if (/\/blueprints\/[^/]+$/.test(path)) return 'Blueprints › Get blueprint';
  if (/\/vulnerability-management\/detections$/.test(path))
    return 'Vulnerabilities › List detections';
  return 'the permission for this endpoint';
}

/** What the core HTTP client hands a vendor's error hook. */
export interface KandjiErrorContext {
  /** HTTP status of the response. */
  status: number;
  /** The body parsed as JSON, or `undefined` when it was not JSON. */
  body: unknown;
  /** The raw body text. */
  bodyText: string;
  /** Response headers. */
  headers: Headers;
  /** Method and path, such as `GET /api/v1/users`. */
  endpoint: string;
}

/**
 * Kandji's error mapping for the core HTTP client: 401 → `AuthenticationError` (reconnect: the
 * token is wrong, revoked, or was deleted with the admin who created it), 403 → `PermissionError`
 * naming the permission to grant, other 4xx → `BadRequestError` with Kandji's reason (field
 * errors included). 404, 408, 429 and 5xx are left to the core's default mapping and retries.
 */
export function mapKandjiError(ctx: KandjiErrorContext): ConnectorError | undefined {
  const detail = kandjiErrorDetail(ctx.body, ctx.bodyText);
  const suffix = detail === undefined ? '' : ` Kandji said: ${detail}`;
  const requestId = ctx.headers.get('x-request-id') ?? ctx.headers.get('x-kong-request-id');
  const options = {
    vendor: 'kandji',
    endpoint: ctx.endpoint,
    status: ctx.status,
    requestId: requestId ?? undefined,
  };
  switch (ctx.status) {
    case 401:
      return new AuthenticationError(
        'Kandji rejected the API token: it is wrong, revoked or expired (a token is deleted when ' +
          `the admin who created it is removed). Add a new token under Settings > Access.${suffix}`,
        options,
      );
    case 403: {
      const permission = kandjiPermissionFor(ctx.endpoint);
      return new PermissionError(
        `The Kandji API token lacks the permission "${permission}". Grant it under Settings > ` +
          `Access > API Token > Configure.${suffix}`,
        { ...options, permission },
      );
    }
    default:
      // Other 4xx: Kandji refused the request itself. Django's field errors
      // ({"integration_id": ["… is not a valid UUID."]}) are worth showing; the core would not.
      if (ctx.status >= 400 && ctx.status < 500 && ![404, 408, 429].includes(ctx.status)) {
        return new BadRequestError(
          `Kandji refused ${ctx.endpoint} (HTTP ${ctx.status}).${suffix}`,
          options,
        );
      }
      return undefined;
  }
}
