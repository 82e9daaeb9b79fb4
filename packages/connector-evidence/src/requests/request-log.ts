import type { ConnectorEvent, EventHandler } from '@org/connector-core';

/** The calls made to one vendor API path by one connection. */
export interface ApiPathCount {
  /** `METHOD /path`, ids replaced by `{id}` (`GET /api/v2/usergroups/{id}/members`). */
  readonly endpoint: string;
  /** Requests sent (every attempt, retries included). */
  readonly requests: number;
  /** Pages read. */
  readonly pages: number;
  /** Items those pages held. */
  readonly items: number;
}

/**
 * Counts the requests, pages and items each connection's connector reports through its
 * `onEvent` option, for the bundle's manifest. Create one per evidence run, give each connector
 * `onEvent: log.handler(name)` and pass the log to `collectEvidence` as `requests`.
 */
export interface RequestLog {
  /** The event handler for the connection named `connection`; chain `forward` to keep your own. */
  handler(connection: string, forward?: EventHandler): EventHandler;
  /** Connections a handler was made for. */
  connections(): string[];
  /** What one connection read, by API path, sorted by path. */
  paths(connection: string): ApiPathCount[];
}

// A path segment that is a vendor id (a number, an ObjectId, a UUID, a long hex or token-like
// string) becomes `{id}`, so the manifest lists each API path once, not once per group.
const ID_SEGMENT =
  /^(\d+|[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `GET /api/v2/usergroups/5c3d…/members` → `GET /api/v2/usergroups/{id}/members`. */
export function templatePath(endpoint: string): string {
  const space = endpoint.indexOf(' ');
  const method = space === -1 ? '' : endpoint.slice(0, space + 1);
  const path = space === -1 ? endpoint : endpoint.slice(space + 1);
  return (
    method +
    path
      .split('/')
      .map((s) => (ID_SEGMENT.test(s) ? '{id}' : s))
      .join('/')
  );
}

/** Makes a {@link RequestLog}. */
export function createRequestLog(): RequestLog {
  const byConnection = new Map<
    string,
    Map<string, { requests: number; pages: number; items: number }>
  >();
  const counts = (connection: string, endpoint: string) => {
    let paths = byConnection.get(connection);
    if (!paths) {
      paths = new Map();
      byConnection.set(connection, paths);
    }
    const key = templatePath(endpoint);
    let c = paths.get(key);
    if (!c) {
      c = { requests: 0, pages: 0, items: 0 };
      paths.set(key, c);
    }
    return c;
  };
  return {
    handler(connection, forward) {
      if (!byConnection.has(connection)) byConnection.set(connection, new Map());
      return (event: ConnectorEvent) => {
        if (event.type === 'request') counts(connection, event.endpoint).requests++;
        else if (event.type === 'page') {
          const c = counts(connection, event.endpoint);
          c.pages++;
          c.items += event.items;
        }
        forward?.(event);
      };
    },
    connections: () => [...byConnection.keys()],
    paths(connection) {
      const paths = byConnection.get(connection) ?? new Map();
      return [...paths.entries()]
        .map(([endpoint, c]) => ({ endpoint, ...c }))
        .sort((a, b) => a.endpoint.localeCompare(b.endpoint));
    },
  };
}
