import { randomUUID } from 'node:crypto';
import { allows, CredentialStore } from '../../control/credentials.js';
import type { FaultSpec } from '../../control/faults.js';
import type { LimitWindow, SandboxLimits } from '../../options.js';
import { FixedWindow } from '../../rate-limit/fixed-window.js';
import { intParam } from '../../server/paging.js';
import {
  header,
  html,
  htmlPage,
  json,
  type Reply,
  type SandboxRequest,
} from '../../server/types.js';
import type {
  AddCredentialOptions,
  UserRef,
  VendorContext,
  VendorRuntime,
} from '../../server/vendor.js';
import { KandjiInventory } from './inventory.js';
import { inventoryRoutes, KANDJI_INVENTORY_PERMISSIONS } from './inventory-routes.js';
import { KandjiData } from './objects.js';

/** What a Kandji sandbox hands out. */
export interface KandjiCredentials {
  /** Sent as `Authorization: Bearer <apiToken>`. */
  apiToken: string;
  /** The API URL an admin would copy (here the sandbox's own URL). */
  apiUrl: string;
  /** Same as `apiUrl`; users at `/api/v1/users`, devices at `/api/v1/devices`. */
  baseUrl: string;
}

/** Kandji's API-token permission vocabulary, as the sandbox checks it. */
export const KANDJI_PERMISSIONS = [
  'Users › List users',
  'Users › Get user',
  'Devices › List devices',
  'Devices › Device details',
  ...KANDJI_INVENTORY_PERMISSIONS,
] as const;

/** Users per cursor page (Kandji does not document it). */
export const KANDJI_USERS_PAGE_SIZE = 300;
const DEVICES_MAX_LIMIT = 300;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const detail = (status: number, message: string) => json(status, { detail: message });

interface Cursor {
  reverse: boolean;
  position: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.reverse ? 'r=1&' : ''}p=${c.position}`).toString('base64');
}

function decodeCursor(raw: string): Cursor | undefined {
  const text = Buffer.from(raw, 'base64').toString('utf8');
  const params = new URLSearchParams(text);
  const p = params.get('p');
  if (p === null || !/^\d+$/.test(p)) return undefined;
  return { reverse: params.get('r') === '1', position: Number(p) };
}

/** Creates the Kandji imitation (Django REST framework behind a Kong gateway). */
export function createKandji(ctx: VendorContext): VendorRuntime<KandjiCredentials> {
  const data = new KandjiData(
    ctx.seed,
    ctx.size.users,
    ctx.size.devices,
    ctx.emailDomain,
    ctx.scenario,
    ctx.epochMs,
  );
  const store = new CredentialStore();
  const make = (o: AddCredentialOptions): KandjiCredentials => {
    const apiToken = randomUUID();
    store.add(apiToken, o);
    return { apiToken, apiUrl: ctx.url, baseUrl: ctx.url };
  };
  const credentials = make({});

  let windows: Array<{ name: 'second' | 'hour'; w: FixedWindow }> = [];
  const setLimits = (limits: SandboxLimits | false) => {
    const get = (w: LimitWindow | false | undefined, fallback: LimitWindow) =>
      limits === false || w === false ? undefined : new FixedWindow(w ?? fallback);
    const second = get(limits === false ? false : limits.perSecond, {
      limit: 50,
      intervalMs: 1000,
    });
    const hour = get(limits === false ? false : limits.perHour, {
      limit: 10_000,
      intervalMs: 3_600_000,
    });
    windows = [];
    if (second) windows.push({ name: 'second', w: second });
    if (hour) windows.push({ name: 'hour', w: hour });
  };
  setLimits(ctx.limits);

  /** Kong's headers: per-window limit/remaining, and RateLimit-* for the window closest to empty. */
  const kongHeaders = (now: number): Record<string, string> => {
    const h: Record<string, string> = {};
    let tightest: { limit: number; remaining: number; reset: number } | undefined;
    for (const { name, w } of windows) {
      const remaining = w.remaining(now);
      h[`x-ratelimit-limit-${name}`] = String(w.window.limit);
      h[`x-ratelimit-remaining-${name}`] = String(remaining);
      const reset = Math.max(1, Math.ceil(w.resetMs(now) / 1000));
      if (!tightest || remaining < tightest.remaining)
        tightest = { limit: w.window.limit, remaining, reset };
    }
    if (tightest) {
      h['ratelimit-limit'] = String(tightest.limit);
      h['ratelimit-remaining'] = String(tightest.remaining);
      h['ratelimit-reset'] = String(tightest.reset);
    }
    return h;
  };

  const nextOrigin = (req: SandboxRequest): string => {
    const host = ctx.quirks.nextHost;
    if (host === false) return req.origin;
    return `http://${host ?? 'sandbox.kandji.test'}:${ctx.port}`;
  };

  const listUsers = (req: SandboxRequest): Reply => {
    const q = req.url.searchParams;
    const id = q.get('id');
    if (id !== null && !UUID_RE.test(id))
      return json(400, { id: [`“${id}” is not a valid UUID.`] });
    const integrationId = q.get('integration_id');
    if (integrationId !== null && !UUID_RE.test(integrationId)) {
      return json(400, { integration_id: [`“${integrationId}” is not a valid UUID.`] });
    }
    const archivedRaw = q.get('archived');
    if (
      archivedRaw !== null &&
      !['true', 'false', 'True', 'False', '1', '0'].includes(archivedRaw)
    ) {
      return json(400, ['Select a valid choice. archived must be true or false.']);
    }
    const archived = archivedRaw === null ? undefined : ['true', 'True', '1'].includes(archivedRaw);
    const email = q.get('email')?.toLowerCase();
    const filtered = id !== null || integrationId !== null || archived !== undefined || !!email;
    const matches = (u: Record<string, unknown>) =>
      (id === null || String(u.id).toLowerCase() === id.toLowerCase()) &&
      (integrationId === null ||
        (u.integration as { uuid: string }).uuid === integrationId.toLowerCase()) &&
      (archived === undefined || u.archived === archived) &&
      (!email ||
        String(u.email ?? '')
          .toLowerCase()
          .includes(email));

    const rawCursor = q.get('cursor');
    const cursor = rawCursor === null ? undefined : decodeCursor(rawCursor);
    if (rawCursor !== null && !cursor) return detail(404, 'Invalid cursor');

    // Newest first: descending legacy id. Walk in display order from the cursor position.
    const pageSize = KANDJI_USERS_PAGE_SIZE;
    const reverse = cursor?.reverse ?? false;
    const start = cursor ? data.indexOfLegacy(cursor.position) : data.users.total;
    const found: Array<Record<string, unknown>> = [];
    let at = start;
    while (found.length < pageSize + 1) {
      const batch = data.users.after(at, 512, !reverse);
      if (batch.length === 0) break;
      for (const i of batch) {
        const u = data.user(i);
        if (!filtered || matches(u)) found.push(u);
        if (found.length === pageSize + 1) break;
      }
      at = batch[batch.length - 1] as number;
    }
    const more = found.length > pageSize;
    const page = found.slice(0, pageSize);
    if (reverse) page.reverse();
    const legacy = (u: Record<string, unknown> | undefined) => Number(u?.deprecated_user_id);
    const link = (c: Cursor) => {
      const u = new URL(`${nextOrigin(req)}/api/v1/users`);
      for (const [k, v] of q) if (k !== 'cursor') u.searchParams.append(k, v);
      u.searchParams.set('cursor', encodeCursor(c));
      return u.toString();
    };
    const hasNext = reverse ? cursor !== undefined : more;
    const hasPrevious = reverse ? more : cursor !== undefined;
    return json(200, {
      next:
        hasNext && page.length > 0
          ? link({ reverse: false, position: legacy(page[page.length - 1]) })
          : null,
      previous:
        hasPrevious && page.length > 0 ? link({ reverse: true, position: legacy(page[0]) }) : null,
      results: page,
    });
  };

  const getUser = (_req: SandboxRequest, id: string): Reply => {
    const index = data.userIndex(id);
    return index === undefined ? detail(404, 'Not found.') : json(200, data.user(index));
  };

  const listDevices = (req: SandboxRequest): Reply => {
    const q = req.url.searchParams;
    const limitRaw = intParam(q, 'limit', DEVICES_MAX_LIMIT);
    const offset = intParam(q, 'offset', 0);
    if (limitRaw === undefined) return json(400, 'limit must be an integer');
    if (offset === undefined) return json(400, 'offset must be an integer');
    const limit = Math.min(limitRaw === 0 ? DEVICES_MAX_LIMIT : limitRaw, DEVICES_MAX_LIMIT);
    const platform = q.get('platform');
    // `user_id` is the user's UUID (the spec's example), while each device names its user by the
    // legacy integer id: match the owner's UUID.
    const userId = q.get('user_id')?.toLowerCase();
    const serial = q.get('serial_number')?.toUpperCase();
    const ownerUuid = (d: Record<string, unknown>) => {
      const index = data.deviceIndex(String(d.device_id));
      const owner = index === undefined ? undefined : data.deviceOwner(index);
      return owner !== undefined && data.users.has(owner) ? data.userId(owner) : undefined;
    };
    let items: Array<Record<string, unknown>>;
    let total: number;
    if (platform || userId || serial) {
      const all = Array.from({ length: data.devices }, (_, d) => data.device(d)).filter(
        (d) =>
          (!platform || d.platform === platform) &&
          (!userId || ownerUuid(d) === userId) &&
          (!serial || String(d.serial_number).includes(serial)),
      );
      total = all.length;
      items = all.slice(offset, offset + limit);
    } else {
      total = data.devices;
      items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) =>
        data.device(offset + k),
      );
    }
    return json(200, items, {
      'x-total-count': String(total),
      'x-total-pages': String(Math.ceil(total / limit)),
    });
  };

  const getDevice = (_req: SandboxRequest, id: string): Reply => {
    const d = data.deviceIndex(id);
    return d === undefined ? detail(404, 'Not found.') : json(200, data.device(d));
  };

  const inventory = new KandjiInventory(data);
  const routes: Array<{
    pattern: RegExp;
    permission: string;
    handler: (req: SandboxRequest, id: string) => Reply;
  }> = [
    ...inventoryRoutes(data, inventory, ctx.orders),
    { pattern: /^\/api\/v1\/users\/?$/, permission: 'Users › List users', handler: listUsers },
    {
      pattern: /^\/api\/v1\/users\/([0-9a-fA-F-]{36})\/?$/,
      permission: 'Users › Get user',
      handler: getUser,
    },
    {
      pattern: /^\/api\/v1\/devices\/?$/,
      permission: 'Devices › List devices',
      handler: listDevices,
    },
    {
      pattern: /^\/api\/v1\/devices\/([0-9a-fA-F-]{36})\/?$/,
      permission: 'Devices › Device details',
      handler: getDevice,
    },
  ];

  const route = (req: SandboxRequest): Reply => {
    let id = '';
    const r = routes.find((x) => {
      const m = x.pattern.exec(req.url.pathname);
      if (m) id = m[1] ?? '';
      return m !== null;
    });
    if (!r) return html(404, DJANGO_404);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return detail(405, `Method "${req.method}" not allowed.`);
    const auth = header(req, 'authorization');
    if (!auth) return detail(401, 'Authentication credentials were not provided.');
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const principal = m ? store.get(m[1]) : undefined;
    if (!principal) return detail(401, 'Incorrect authentication credentials.');
    if (!allows(principal, [r.permission]))
      return detail(403, 'You do not have permission to perform this action.');
    return r.handler(req, id);
  };

  const handle = (req: SandboxRequest): Reply => {
    // Kong runs first: it counts and answers 429 before the request reaches Kandji.
    const now = ctx.clock.now();
    const blocked = windows.find(({ w }) => w.remaining(now) <= 0);
    if (blocked) {
      const retry = Math.max(1, Math.ceil(blocked.w.resetMs(now) / 1000));
      return json(
        429,
        { message: 'API rate limit exceeded' },
        { ...kongHeaders(now), 'retry-after': String(retry) },
      );
    }
    for (const { w } of windows) w.record(now);
    const reply = route(req);
    return { ...reply, headers: { ...kongHeaders(now), ...reply.headers } };
  };

  return {
    credentials,
    routes: routes.map((r) => ({ method: 'GET', pattern: r.pattern })),
    handle,
    faultReply: (spec: FaultSpec): Reply => {
      const now = ctx.clock.now();
      const kong = kongHeaders(now);
      switch (spec.kind) {
        case '429':
          return json(
            429,
            { message: 'API rate limit exceeded' },
            { ...kong, 'retry-after': String(spec.retryAfterSeconds ?? 1) },
          );
        case '500':
          return html(500, '<h1>Server Error (500)</h1>', kong);
        case '502':
          return json(
            502,
            { message: 'An invalid response was received from the upstream server' },
            kong,
          );
        case '503':
          return json(
            503,
            { message: 'failure to get a peer from the ring-balancer' },
            {
              ...kong,
              'retry-after': String(spec.retryAfterSeconds ?? 1),
            },
          );
        default:
          return html(
            spec.status ?? 500,
            htmlPage(spec.status ?? 500, 'Internal Server Error'),
            kong,
          );
      }
    },
    addCredential: make,
    revokeCredential: (s) => store.revoke(s),
    addUsers: (n): UserRef[] =>
      data.users.add(n).map((i) => ({ id: data.userId(i), email: data.user(i).email as string })),
    users: (): UserRef[] =>
      data.users
        .range(0, data.users.count)
        .map((i) => ({ id: data.userId(i), email: data.user(i).email as string })),
    removeUsers: (ids) => {
      for (const id of ids) {
        const index = data.userIndex(String(id));
        if (index !== undefined) data.users.remove(index);
      }
    },
    updateUser: (id, patch) => {
      const index = data.userIndex(String(id));
      if (index === undefined) throw new Error(`kandji sandbox: no user with id ${String(id)}`);
      const { id: _id, deprecated_user_id: _legacy, ...rest } = patch;
      data.users.patch(index, rest);
    },
    setLimits,
  };
}

const DJANGO_404 =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';
