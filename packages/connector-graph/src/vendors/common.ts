import {
  type CallOptions,
  ConfigError,
  type ConnectionIdentity,
  type Connector,
} from '@org/connector-core';
import type { ResourceReader } from '../collect/adapter.js';
import type { GraphValue } from '../model/entity.js';

/** Options every listing accepts that an adapter passes on (`ReadContext.call`). */
export type SignalOption = Pick<CallOptions, 'signal' | 'onUnprovenListing'>;

/** Calls a listing of `items` costs at `pageSize` a page (at least one: an empty list is a call). */
export function pagesFor(items: number | undefined, pageSize: number): number {
  return Math.max(1, Math.ceil((items ?? 0) / pageSize));
}

/**
 * The cost of a connection's users listing: its pages at `pageSize` once the previous snapshot
 * tells how many users there are, else the connector's own estimate of a sync (one call when it
 * has none).
 */
export function usersEstimate(connector: Connector, pageSize: number): ResourceReader['estimate'] {
  return async ({ items }) =>
    items('users') !== undefined
      ? pagesFor(items('users'), pageSize)
      : ((await connector.estimateSyncCost?.()) ?? 1);
}

/**
 * The resource accessor `name` of a connector (`users`, `userGroups`), checked at run time: the
 * adapters read connectors structurally, so a connector without it fails that resource only.
 */
export function accessor<T>(connector: Connector, name: string, method = 'list'): T {
  const value = (connector as unknown as Record<string, unknown>)[name];
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as Record<string, unknown>)[method] !== 'function'
  ) {
    throw new ConfigError(
      `${connector.vendor} connection "${connector.name}" has no ${name}.${method}()`,
      { vendor: connector.vendor },
    );
  }
  return value as T;
}

/** A method of the connector itself (`deviceDetails`), bound, checked at run time like {@link accessor}. */
export function method<F extends (...args: never[]) => unknown>(
  connector: Connector,
  name: string,
): F {
  const value = (connector as unknown as Record<string, unknown>)[name];
  if (typeof value !== 'function') {
    throw new ConfigError(`${connector.vendor} connection "${connector.name}" has no ${name}()`, {
      vendor: connector.vendor,
    });
  }
  return value.bind(connector) as F;
}

function findBaseUrl(value: unknown, depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > 2) return undefined;
  for (const [name, field] of Object.entries(value)) {
    if (name === 'baseUrl' && typeof field === 'string') return field;
    const nested = findBaseUrl(field, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * The connection's identity: the connector's own when it has one, else vendor, the API host from
 * its secret-free `toJSON()` and the tenant the adapter names (portal, subdomain, organization).
 */
export function identityOf(
  connector: Connector,
  tenant: string | undefined,
): ConnectionIdentity | undefined {
  if (connector.identity) return connector.identity;
  const described = (connector as { toJSON?: () => unknown }).toJSON?.();
  const baseUrl = findBaseUrl(described);
  let host: string | undefined;
  try {
    host = baseUrl ? new URL(baseUrl).host : undefined;
  } catch {
    host = undefined;
  }
  if (!host || !tenant) return undefined;
  return { vendor: connector.vendor, host, tenant };
}

/** Trimmed text, or `undefined` for null, missing or blank. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The fields of `record` that have a value (`null` and `undefined` left out): for properties the
 * data model types (`createdOn` is a number, never `null`).
 */
export function present(
  record: Record<string, GraphValue | undefined>,
): Record<string, GraphValue> {
  const out: Record<string, GraphValue> = {};
  for (const [k, v] of Object.entries(record)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
