import { allows, CredentialStore, secret } from '../../control/credentials.js';
import type { FaultSpec } from '../../control/faults.js';
import type { LimitWindow, SandboxLimits } from '../../options.js';
import { SlidingLog } from '../../rate-limit/sliding-log.js';
import type { Direction } from '../../server/order.js';
import { intParam, withoutParam, withParam } from '../../server/paging.js';
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
import { HexnodeData } from './objects.js';

/** What a Hexnode sandbox hands out: the same fields a connector is configured with. */
export interface HexnodeCredentials {
  /** Sent raw in `Authorization` (no `Bearer`). */
  apiKey: string;
  /** The portal name ("sandbox"); the real host would be `<portal>.hexnodemdm.com`. */
  portal: string;
  /** `${url}/api/v1/` */
  baseUrl: string;
}

/** Hexnode's permission vocabulary, as the sandbox checks it per credential. */
export const HEXNODE_PERMISSIONS = [
  'Read Users',
  'Read User Groups',
  'Read Devices',
  'Read Device Groups',
] as const;

const PREFIX = '/api/v1/';
const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 500;

type Handler = (req: SandboxRequest, id: number | undefined) => Reply;
interface Route {
  pattern: RegExp;
  permission: (typeof HEXNODE_PERMISSIONS)[number];
  handler: Handler;
}

const detail = (status: number, message: string, headers?: Record<string, string>) =>
  json(status, { detail: message }, headers);

/**
 * A django-filter boolean (`true`/`false`, `1`/`0`, any case); undefined, so no filter, when
 * absent or anything else, as Django's NullBooleanSelect reads it.
 */
function boolParam(raw: string | null): boolean | undefined {
  const v = raw?.toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
}

/** Creates the Hexnode imitation (Django REST framework behind nginx). */
export function createHexnode(ctx: VendorContext): VendorRuntime<HexnodeCredentials> {
  const data = new HexnodeData(
    ctx.seed,
    ctx.size.users,
    ctx.size.groups,
    ctx.size.devices,
    ctx.quirks.defaultUser !== false,
    ctx.emailDomain,
    ctx.scenario,
    ctx.epochMs,
  );
  const store = new CredentialStore();
  const baseUrl = `${ctx.url}/api/v1/`;
  const make = (o: AddCredentialOptions): HexnodeCredentials => {
    const apiKey = secret(20);
    store.add(apiKey, o);
    return { apiKey, portal: 'sandbox', baseUrl };
  };
  const credentials = make({});

  let minute: SlidingLog | undefined;
  let daily: SlidingLog | undefined;
  const setLimits = (limits: SandboxLimits | false) => {
    const pick = (w: LimitWindow | false | undefined, fallback: LimitWindow) =>
      limits === false || w === false ? undefined : new SlidingLog(w ?? fallback);
    minute = pick(limits === false ? false : limits.perMinute, { limit: 30, intervalMs: 60_000 });
    daily = pick(limits === false ? false : limits.daily, {
      limit: 10 * Math.max(1, ctx.size.devices),
      intervalMs: 86_400_000,
    });
  };
  setLimits(ctx.limits);

  /** DRF page-number pagination with absolute next/previous links built from the request. */
  const paginate = (
    req: SandboxRequest,
    count: number,
    items: (skip: number, limit: number) => unknown[],
  ): Reply => {
    const params = req.url.searchParams;
    const perPageRaw = intParam(params, 'per_page', DEFAULT_PER_PAGE);
    const perPage =
      perPageRaw === undefined || perPageRaw === 0
        ? DEFAULT_PER_PAGE
        : Math.min(perPageRaw, MAX_PER_PAGE);
    const page = intParam(params, 'page', 1);
    const pages = Math.max(1, Math.ceil(count / perPage));
    if (page === undefined || page < 1 || page > pages) return detail(404, 'Invalid page.');
    const self = new URL(req.url.pathname + req.url.search, req.origin);
    return json(200, {
      count,
      next: page < pages ? withParam(self, 'page', page + 1) : null,
      previous:
        page > 2
          ? withParam(self, 'page', page - 1)
          : page === 2
            ? withoutParam(self, 'page')
            : null,
      results: items((page - 1) * perPage, perPage),
    });
  };

  /**
   * The direction `order_by` asks for (`id` or `-id`), served as the sandbox's order policy says;
   * without one, `natural`: users come newest first, as the real API sends them.
   */
  const direction = (req: SandboxRequest, natural: Direction): Direction => {
    const asked = req.url.searchParams.get('order_by');
    return ctx.orders.direction(
      req.url.pathname,
      asked === 'id' ? 'ascending' : asked === '-id' ? 'descending' : undefined,
      natural,
    );
  };

  const listUsers: Handler = (req) => {
    const total = data.users.count;
    const newestFirst = direction(req, 'descending') === 'descending';
    return paginate(req, total, (skip, limit) =>
      (newestFirst ? data.users.rangeDesc(skip, limit) : data.users.range(skip, limit)).map((i) =>
        data.user(i),
      ),
    );
  };
  const getUser: Handler = (_req, id) => {
    const index = id === undefined ? undefined : data.userIndex(id);
    return index === undefined ? detail(404, 'user not found') : json(200, data.user(index));
  };
  const listGroups: Handler = (req) =>
    paginate(req, data.groups, (skip, limit) =>
      Array.from({ length: Math.max(0, Math.min(limit, data.groups - skip)) }, (_, k) =>
        data.group(skip + k),
      ),
    );
  const getGroup: Handler = (_req, id) => {
    if (id === undefined || id < 1 || id > data.groups) return detail(404, 'usergroup not found');
    const g = id - 1;
    return json(200, { ...data.group(g), users: data.groupMembers(g).map((i) => data.userRef(i)) });
  };
  const listDevices: Handler = (req) => {
    const platform = req.url.searchParams.get('platform');
    const active = boolParam(req.url.searchParams.get('is_active'));
    if (platform || active !== undefined) {
      const all = Array.from({ length: data.devices }, (_, d) => d).filter(
        (d) =>
          (!platform || data.devicePlatform(d) === platform.toLowerCase()) &&
          (active === undefined || data.device(d).is_active === active),
      );
      return paginate(req, all.length, (skip, limit) =>
        all.slice(skip, skip + limit).map((d) => data.device(d)),
      );
    }
    // Devices' own default order is unverified; the sandbox keeps them oldest first.
    const newestFirst = direction(req, 'ascending') === 'descending';
    return paginate(req, data.devices, (skip, limit) =>
      Array.from({ length: Math.max(0, Math.min(limit, data.devices - skip)) }, (_, k) =>
        data.device(newestFirst ? data.devices - 1 - skip - k : skip + k),
      ),
    );
  };
  const getDevice: Handler = (_req, id) =>
    id === undefined || id < 1 || id > data.devices
      ? detail(404, 'device not found')
      : json(200, data.deviceDetail(id - 1));
  const listDeviceGroups: Handler = (req) =>
    paginate(req, data.deviceGroups, (skip, limit) =>
      Array.from({ length: Math.max(0, Math.min(limit, data.deviceGroups - skip)) }, (_, k) =>
        data.deviceGroup(skip + k),
      ),
    );
  const getDeviceGroup: Handler = (_req, id) => {
    if (id === undefined || id < 1 || id > data.deviceGroups)
      return detail(404, 'devicegroup not found');
    const g = id - 1;
    // As real details read: the list's fields but the counts and type, members, and policies.
    const { id: groupId, groupname, description } = data.deviceGroup(g);
    return json(200, {
      id: groupId,
      groupname,
      description,
      devices: data.deviceGroupMembers(g).map((d) => data.deviceGroupMember(d)),
      policy: [],
      location_history: [],
    });
  };

  const routes: Route[] = [
    { pattern: /^users\/$/, permission: 'Read Users', handler: listUsers },
    { pattern: /^users\/([^/]+)\/$/, permission: 'Read Users', handler: getUser },
    { pattern: /^usergroups\/$/, permission: 'Read User Groups', handler: listGroups },
    { pattern: /^usergroups\/([^/]+)\/$/, permission: 'Read User Groups', handler: getGroup },
    { pattern: /^devices\/$/, permission: 'Read Devices', handler: listDevices },
    { pattern: /^devices\/([^/]+)\/$/, permission: 'Read Devices', handler: getDevice },
    { pattern: /^devicegroups\/$/, permission: 'Read Device Groups', handler: listDeviceGroups },
    {
      pattern: /^devicegroups\/([^/]+)\/$/,
      permission: 'Read Device Groups',
      handler: getDeviceGroup,
    },
  ];

  const throttled = (waitMs: number): Reply =>
    detail(
      429,
      `Request was throttled. Expected available in ${(waitMs / 1000).toFixed(1)} seconds.`,
      ctx.quirks.retryAfterHeader === false
        ? {}
        : { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
    );

  const handle = (req: SandboxRequest): Reply => {
    const path = req.url.pathname;
    if (!path.startsWith(PREFIX)) return html(404, NOT_FOUND_PAGE);
    let rest = path.slice(PREFIX.length);
    if (!rest.endsWith('/') && ctx.quirks.appendSlashRedirect !== false) {
      // Django's CommonMiddleware (APPEND_SLASH) answers before authentication or throttling.
      if (routes.some((r) => r.pattern.test(`${rest}/`))) {
        return {
          status: 301,
          headers: { location: new URL(`${path}/${req.url.search}`, req.origin).toString() },
          text: '',
        };
      }
      return html(404, NOT_FOUND_PAGE);
    }
    if (!rest.endsWith('/')) rest += '/';
    let match: RegExpExecArray | null = null;
    const route = routes.find((r) => {
      match = r.pattern.exec(rest);
      return match !== null;
    });
    if (!route || !match) return html(404, NOT_FOUND_PAGE);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return detail(405, `Method "${req.method}" not allowed.`);

    const key = header(req, 'authorization');
    if (!key) return detail(401, 'Authentication credentials were not provided.');
    const principal = store.get(key);
    if (!principal) return detail(401, 'Invalid API key.');
    if (!allows(principal, [route.permission]))
      return detail(403, 'You do not have permission to perform this action.');

    const now = ctx.clock.now();
    const wait = Math.max(minute?.waitMs(now) ?? 0, daily?.waitMs(now) ?? 0);
    if (wait > 0) return throttled(wait);
    minute?.record(now);
    daily?.record(now);

    const rawId = (match as RegExpExecArray)[1];
    const id = rawId === undefined ? undefined : /^\d+$/.test(rawId) ? Number(rawId) : Number.NaN;
    return route.handler(req, id);
  };

  return {
    credentials,
    routes: routes.map((r) => ({
      method: 'GET',
      pattern: new RegExp(`^${PREFIX}${r.pattern.source.slice(1)}`),
    })),
    handle,
    faultReply: (spec: FaultSpec): Reply => {
      switch (spec.kind) {
        case '429':
          return throttled((spec.retryAfterSeconds ?? 1) * 1000);
        case '500':
          return html(500, '<h1>Server Error (500)</h1>');
        case '502':
          return html(502, htmlPage(502, 'Bad Gateway'));
        case '503':
          return html(503, htmlPage(503, 'Service Temporarily Unavailable'), {
            'retry-after': String(spec.retryAfterSeconds ?? 1),
          });
        default:
          return html(spec.status ?? 500, htmlPage(spec.status ?? 500, 'Internal Server Error'));
      }
    },
    addCredential: make,
    revokeCredential: (s) => store.revoke(s),
    addUsers: (n): UserRef[] =>
      data.users.add(n).map((i) => {
        const u = data.user(i);
        return { id: u.id as number, email: u.email as string | null };
      }),
    users: (): UserRef[] =>
      data.users.range(0, data.users.count).map((i) => {
        const u = data.user(i);
        return { id: u.id as number, email: u.email as string | null };
      }),
    removeUsers: (ids) => {
      for (const id of ids) {
        const index = data.userIndex(Number(id));
        if (index !== undefined) data.users.remove(index);
      }
    },
    updateUser: (id, patch) => {
      const index = data.userIndex(Number(id));
      if (index === undefined) throw new Error(`hexnode sandbox: no user with id ${String(id)}`);
      const { id: _ignored, ...rest } = patch;
      data.users.patch(index, rest);
    },
    setLimits,
  };
}

const NOT_FOUND_PAGE =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';
