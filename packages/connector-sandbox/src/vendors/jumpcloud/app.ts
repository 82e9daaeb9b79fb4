import { randomUUID } from 'node:crypto';
import {
  CredentialStore,
  normalizePermission,
  type Principal,
  secret,
} from '../../control/credentials.js';
import type { FaultSpec } from '../../control/faults.js';
import { objectIdIndex } from '../../data/ids.js';
import { Stream } from '../../data/random.js';
import type { SandboxLimits } from '../../options.js';
import { FixedWindow } from '../../rate-limit/fixed-window.js';
import {
  header,
  html,
  htmlPage,
  json,
  type Reply,
  type SandboxRequest,
} from '../../server/types.js';
import {
  type AddCredentialOptions,
  type UserRef,
  type VendorContext,
  type VendorRuntime,
  withOAuthClient,
} from '../../server/vendor.js';
import { EventLog } from './insights.js';
import { JumpCloudOrgData, organization } from './objects.js';
import {
  parseFilters,
  parseSort,
  project,
  type QueryError,
  type SortKey,
  sortItems,
} from './query.js';

/** What a JumpCloud sandbox hands out. */
export interface JumpCloudCredentials {
  /** Sent as `x-api-key`. */
  apiKey: string;
  /** The organization this credential works in (send as `x-org-id`; required when multi-tenant). */
  orgId: string;
  /** Serves `/api/...` (v1) and `/api/v2/...`. */
  baseUrl: string;
  /** `${url}/insights/directory/v1` */
  insightsBaseUrl: string;
  /** `${url}/oauth2/token` */
  tokenUrl: string;
  /**
   * OAuth 2.0 client-credentials service account with the same permissions; pass it as the
   * connector's `serviceAccount` instead of `apiKey`. Not enumerable, so these credentials still go
   * to `createJumpCloudConnector` as they are (with the API key).
   */
  readonly oauthClient: {
    /** OAuth client id (the Basic auth user name). */
    clientId: string;
    /** OAuth client secret (revocable with `control.revokeCredential`). */
    clientSecret: string;
  };
}

/** What each JumpCloud administrator role may read, by scope (the sandbox's model of the roles). */
export const JUMPCLOUD_ROLES: Record<string, readonly Scope[]> = {
  'Administrator with Billing': [
    'users',
    'groups',
    'systems',
    'policies',
    'applications',
    'organizations',
    'administrators',
    'insights',
  ],
  Administrator: [
    'users',
    'groups',
    'systems',
    'policies',
    'applications',
    'organizations',
    'administrators',
    'insights',
  ],
  Manager: ['users', 'groups', 'systems', 'policies', 'applications', 'organizations', 'insights'],
  'Read Only': [
    'users',
    'groups',
    'systems',
    'policies',
    'applications',
    'organizations',
    'administrators',
    'insights',
  ],
  'Help Desk': ['users', 'groups', 'systems'],
  'Command Runner': ['systems'],
};

/** The sandbox's permission scopes; a credential may also be given scopes directly. */
export type Scope =
  | 'users'
  | 'groups'
  | 'systems'
  | 'policies'
  | 'applications'
  | 'organizations'
  | 'administrators'
  | 'insights';

type Family = 'v1' | 'v2' | 'insights';
type Obj = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** v1 answers `{message, error}`; v2 and Directory Insights answer `{code, message, status}`. */
function err(
  family: Family,
  status: number,
  message: string,
  headers?: Record<string, string>,
): Reply {
  const text = STATUS_TEXT[status] ?? 'Error';
  return json(
    status,
    family === 'v1' ? { message, error: text } : { code: status, message, status: text },
    headers,
  );
}

const ORG_HEADER_FORBIDDEN = /^\/api\/(organizations(\/|$)|v2\/providers\/|v2\/organizations\/)/;
const MAX_SORT_MATERIALISE = 100_000;

/** A collection a list route pages through, by index or by scan. */
interface Source {
  count: number;
  range(skip: number, limit: number): Obj[];
  rangeDesc(skip: number, limit: number): Obj[];
  natural?(skip: number, limit: number): Obj[];
  /** Whether `natural` is still id order (no row changed since). */
  storageSorted?(): boolean;
  scan(): Iterable<Obj>;
}

function arraySource(items: Obj[]): Source {
  return {
    count: items.length,
    range: (s, l) => items.slice(s, s + l),
    rangeDesc: (s, l) =>
      items
        .slice()
        .reverse()
        .slice(s, s + l),
    scan: () => items,
  };
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  scope: Scope;
  family: Family;
  handler: (
    req: SandboxRequest,
    data: JumpCloudOrgData,
    params: string[],
    ctx: RouteContext,
  ) => Reply;
}

interface RouteContext {
  principal: Principal;
  orgIndices: number[];
}

/** Creates the JumpCloud imitation: API v1, v2, Directory Insights and the OAuth token endpoint. */
export function createJumpCloud(ctx: VendorContext): VendorRuntime<JumpCloudCredentials> {
  const { seed, size } = ctx;
  const store = new CredentialStore();
  const serviceAccounts = new Map<string, string>(); // clientId → clientSecret
  const tokens = new Map<string, { secret: string; expiresAt: number }>();
  const orgs = new Map<number, JumpCloudOrgData>();
  const orgData = (k: number): JumpCloudOrgData => {
    let d = orgs.get(k);
    if (!d) {
      d = new JumpCloudOrgData(
        seed,
        k,
        size,
        ctx.quirks.missingMfa !== false,
        ctx.emailDomain,
        ctx.scenario,
        ctx.epochMs,
      );
      orgs.set(k, d);
    }
    return d;
  };
  const primary = orgData(0);
  const orgCount = Math.max(1, size.orgs);
  const eventLogs = new Map<number, EventLog>();
  const events = (d: JumpCloudOrgData) => {
    let log = eventLogs.get(d.orgIndex);
    if (!log) {
      log = new EventLog(
        d.seed,
        size.events,
        ctx.epochMs,
        d.orgId,
        d.domain,
        size.users,
        size.admins,
        ctx.scenario?.jumpcloudLogins(size.users),
      );
      eventLogs.set(d.orgIndex, log);
    }
    return log;
  };

  const make = (o: AddCredentialOptions): JumpCloudCredentials => {
    const apiKey = secret(20, 'jca_');
    const clientId = randomUUID();
    const clientSecret = secret(32);
    store.add(apiKey, o);
    store.add(clientSecret, o);
    serviceAccounts.set(clientId, clientSecret);
    return withOAuthClient(
      {
        apiKey,
        orgId: primary.orgId,
        baseUrl: ctx.url,
        insightsBaseUrl: `${ctx.url}/insights/directory/v1`,
        tokenUrl: `${ctx.url}/oauth2/token`,
      },
      { clientId, clientSecret },
    );
  };
  const credentials = make({});

  let window: FixedWindow | undefined;
  const setLimits = (limits: SandboxLimits | false) => {
    window = limits === false || !limits.perMinute ? undefined : new FixedWindow(limits.perMinute);
  };
  setLimits(ctx.limits);

  const scopesOf = (p: Principal): Set<string> => {
    if (p.permissions === '*') return new Set(Object.values(JUMPCLOUD_ROLES).flat());
    const out = new Set<string>();
    for (const name of p.permissions) {
      const role = Object.keys(JUMPCLOUD_ROLES).find(
        (r) => normalizePermission(r) === normalizePermission(name),
      );
      if (role) for (const s of JUMPCLOUD_ROLES[role] ?? []) out.add(s);
      else out.add(normalizePermission(name));
    }
    return out;
  };

  // ---- list helpers -------------------------------------------------------------------------

  /**
   * The sort a list is served in: as asked, none (storage order), or each key reversed; noted as
   * overridden only when that serves another order than asked (storage order is still id order
   * until a row changes).
   */
  const servedSort = (req: SandboxRequest, asked: SortKey[], src: Source): SortKey[] => {
    const byIdAscending =
      asked.length === 1 &&
      (asked[0]?.field === '_id' || asked[0]?.field === 'id') &&
      !asked[0]?.descending;
    const storageIsIdOrder =
      !src.natural || ctx.quirks.naturalOrder === false || src.storageSorted?.() !== false;
    const overridden =
      ctx.order === 'reversed' || (ctx.order === 'ignored' && !(byIdAscending && storageIsIdOrder));
    ctx.orders.note(req.url.pathname, asked.length > 0, asked.length > 0 && overridden);
    return ctx.order === 'ignored'
      ? []
      : ctx.order === 'reversed'
        ? asked.map((k) => ({ ...k, descending: !k.descending }))
        : asked;
  };

  /** `o`: System Insights takes up to 10,000 rows a page and sends no total. */
  const list = (
    req: SandboxRequest,
    family: Family,
    src: Source,
    idField: string,
    o: { maxLimit?: number; total?: boolean } = {},
  ): Reply => {
    const q = req.url.searchParams;
    const version = family === 'v1' ? 1 : 2;
    const rawLimit = q.get('limit');
    const rawSkip = q.get('skip');
    if (
      (rawLimit !== null && !/^\d+$/.test(rawLimit)) ||
      (rawSkip !== null && !/^\d+$/.test(rawSkip))
    ) {
      return err(family, 400, 'limit and skip must be non-negative integers');
    }
    const limit = rawLimit === null ? 10 : Number(rawLimit);
    const skip = rawSkip === null ? 0 : Number(rawSkip);
    const maxLimit = o.maxLimit ?? 100;
    if (limit > maxLimit)
      return err(family, 400, `limit must be less than or equal to ${maxLimit}`);
    let filter: ReturnType<typeof parseFilters>;
    try {
      filter = parseFilters(q.getAll('filter'), version);
    } catch (e) {
      return err(family, 400, (e as QueryError).message);
    }
    const sort = servedSort(req, parseSort(q.get('sort'), version), src);
    const byId = sort.length === 1 && (sort[0]?.field === '_id' || sort[0]?.field === 'id');
    let total: number;
    let items: Obj[];
    if (!filter && (sort.length === 0 || byId)) {
      total = src.count;
      if (byId && sort[0]?.descending) items = src.rangeDesc(skip, limit);
      else if (sort.length === 0 && src.natural && ctx.quirks.naturalOrder !== false)
        items = src.natural(skip, limit);
      else items = src.range(skip, limit);
    } else if (sort.length === 0 || (byId && !sort[0]?.descending)) {
      // Stream the scan: memory stays flat however many rows match.
      total = 0;
      items = [];
      for (const item of src.scan()) {
        if (filter && !filter(item)) continue;
        if (total >= skip && items.length < limit) items.push(item);
        total++;
      }
    } else {
      if (src.count > MAX_SORT_MATERIALISE) {
        return err(
          family,
          400,
          `the sandbox sorts by fields other than _id only up to ${MAX_SORT_MATERIALISE} rows`,
        );
      }
      const all: Obj[] = [];
      for (const item of src.scan()) if (!filter || filter(item)) all.push(item);
      sortItems(all, sort);
      total = all.length;
      items = all.slice(skip, skip + limit);
    }
    const fields = q.get('fields');
    const out = items.map((i) => project(i, fields, version, idField));
    if (family === 'v1') return json(200, { totalCount: total, results: out });
    return json(200, out, o.total === false ? {} : { 'x-total-count': String(total) });
  };

  const userSource = (d: JumpCloudOrgData): Source => {
    const map = (ids: number[]) => ids.map((i) => d.systemuser(i));
    return {
      get count() {
        return d.users.count;
      },
      range: (s, l) => map(d.users.range(s, l)),
      rangeDesc: (s, l) => map(d.users.rangeDesc(s, l)),
      natural: (s, l) => map(d.users.naturalRange(s, l)),
      storageSorted: () => d.users.storageSorted(),
      scan: function* () {
        for (const i of d.users.scan()) yield d.systemuser(i);
      },
    };
  };

  const indexSource = (count: number, at: (i: number) => Obj): Source => ({
    count,
    range: (s, l) =>
      Array.from({ length: Math.max(0, Math.min(l, count - s)) }, (_, k) => at(s + k)),
    rangeDesc: (s, l) =>
      Array.from({ length: Math.max(0, Math.min(l, count - s)) }, (_, k) => at(count - 1 - s - k)),
    scan: function* () {
      for (let i = 0; i < count; i++) yield at(i);
    },
  });

  /** Concatenation of sources (for member lists: users, then nested groups). */
  const concat = (...parts: Source[]): Source => ({
    count: parts.reduce((n, p) => n + p.count, 0),
    range: (s, l) => {
      const out: Obj[] = [];
      let skip = s;
      for (const p of parts) {
        if (out.length >= l) break;
        if (skip >= p.count) {
          skip -= p.count;
          continue;
        }
        out.push(...p.range(skip, l - out.length));
        skip = 0;
      }
      return out;
    },
    rangeDesc: (s, l) => concat(...parts.slice().reverse()).range(s, l),
    scan: function* () {
      for (const p of parts) yield* p.scan();
    },
  });

  const strided = (d: JumpCloudOrgData, g: number, as: (i: number) => Obj): Source => ({
    get count() {
      return d.memberCount(g);
    },
    range: (s, l) => d.members(g, s, l).map(as),
    rangeDesc: (s, l) => {
      const n = d.memberCount(g);
      return d
        .members(g, Math.max(0, n - s - l), Math.min(l, n - s))
        .reverse()
        .map(as);
    },
    scan: function* () {
      const n = d.memberCount(g);
      for (let s = 0; s < n; s += 1000) for (const i of d.members(g, s, 1000)) yield as(i);
    },
  });

  // The spec's GraphConnection: `attributes` objects (empty: the sandbox's edges carry none).
  const edge = (id: string, type: string) => ({
    attributes: {},
    to: { attributes: {}, id, type },
  });
  const withPaths = (id: string, type: string, path: Array<ReturnType<typeof edge>>) => ({
    compiledAttributes: {},
    id,
    paths: [path],
    type,
  });

  const findOr404 = (
    family: Family,
    index: number | undefined,
    what: string,
    ok: (i: number) => Reply,
  ): Reply => (index === undefined ? err(family, 404, `${what} not found`) : ok(index));

  // ---- routes -------------------------------------------------------------------------------

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/systemusers$/,
      scope: 'users',
      family: 'v1',
      handler: (r, d) => list(r, 'v1', userSource(d), '_id'),
    },
    {
      method: 'GET',
      pattern: /^\/api\/systemusers\/([^/]+)$/,
      scope: 'users',
      family: 'v1',
      handler: (_r, d, [id]) =>
        findOr404('v1', d.userIndex(id ?? ''), 'user', (i) => json(200, d.systemuser(i))),
    },
    {
      method: 'GET',
      pattern: /^\/api\/systems$/,
      scope: 'systems',
      family: 'v1',
      handler: (r, d) =>
        list(
          r,
          'v1',
          indexSource(size.devices, (i) => d.system(i)),
          '_id',
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/systems\/([^/]+)$/,
      scope: 'systems',
      family: 'v1',
      handler: (_r, d, [id]) =>
        findOr404('v1', d.systemIndex(id ?? ''), 'system', (i) => json(200, d.system(i))),
    },
    {
      method: 'GET',
      pattern: /^\/api\/applications$/,
      scope: 'applications',
      family: 'v1',
      handler: (r, d) =>
        list(
          r,
          'v1',
          indexSource(size.apps, (i) => d.application(i)),
          '_id',
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/applications\/([^/]+)$/,
      scope: 'applications',
      family: 'v1',
      handler: (_r, d, [id]) =>
        findOr404('v1', d.appIndex(id ?? ''), 'application', (i) => json(200, d.application(i))),
    },
    {
      method: 'GET',
      pattern: /^\/api\/users$/,
      scope: 'administrators',
      family: 'v1',
      handler: (r, d) =>
        list(
          r,
          'v1',
          indexSource(size.admins, (i) => d.admin(i)),
          '_id',
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/organizations$/,
      scope: 'organizations',
      family: 'v1',
      handler: (r, _d, _p, c) =>
        list(
          r,
          'v1',
          arraySource(c.orgIndices.map((k) => organization(seed, k, false, ctx.scenario))),
          '_id',
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/organizations\/([^/]+)$/,
      scope: 'organizations',
      family: 'v1',
      handler: (_r, _d, [id], c) => {
        const k = objectIdIndex(seed, Stream.org, id ?? '');
        return findOr404(
          'v1',
          k !== undefined && c.orgIndices.includes(k) ? k : undefined,
          'organization',
          (i) => json(200, organization(seed, i, true, ctx.scenario)),
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/usergroups$/,
      scope: 'groups',
      family: 'v2',
      handler: (r, d) =>
        list(
          r,
          'v2',
          indexSource(size.groups, (g) => d.usergroup(g)),
          'id',
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/usergroups\/([^/]+)$/,
      scope: 'groups',
      family: 'v2',
      handler: (_r, d, [id]) =>
        findOr404('v2', d.groupIndex(id ?? ''), 'user group', (g) => json(200, d.usergroup(g))),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/usergroups\/([^/]+)\/members$/,
      scope: 'groups',
      family: 'v2',
      handler: (r, d, [id]) =>
        findOr404('v2', d.groupIndex(id ?? ''), 'user group', (g) => {
          const nested = d.nestedGroup(g);
          const users = strided(d, g, (i) => edge(d.userId(i), 'user'));
          const groups = arraySource(
            nested === undefined ? [] : [edge(d.groupId(nested), 'user_group')],
          );
          return list(r, 'v2', concat(users, groups), 'to');
        }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/usergroups\/([^/]+)\/membership$/,
      scope: 'groups',
      family: 'v2',
      handler: (r, d, [id]) =>
        findOr404('v2', d.groupIndex(id ?? ''), 'user group', (g) => {
          const direct = strided(d, g, (i) =>
            withPaths(d.userId(i), 'user', [edge(d.userId(i), 'user')]),
          );
          const nested = d.nestedGroup(g);
          if (nested === undefined) return list(r, 'v2', direct, 'id');
          const via = strided(d, nested, (i) =>
            withPaths(d.userId(i), 'user', [
              edge(d.groupId(nested), 'user_group'),
              edge(d.userId(i), 'user'),
            ]),
          );
          return list(r, 'v2', concat(direct, via), 'id');
        }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/policies$/,
      scope: 'policies',
      family: 'v2',
      handler: (r, d) =>
        list(
          r,
          'v2',
          indexSource(size.policies, (p) => d.policy(p)),
          'id',
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/policies\/([^/]+)$/,
      scope: 'policies',
      family: 'v2',
      handler: (_r, d, [id]) =>
        findOr404('v2', d.policyIndex(id ?? ''), 'policy', (p) => json(200, d.policyDetail(p))),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/policies\/([^/]+)\/policystatuses$/,
      scope: 'policies',
      family: 'v2',
      handler: (r, d, [id]) =>
        findOr404('v2', d.policyIndex(id ?? ''), 'policy', (p) =>
          list(r, 'v2', arraySource(d.policySystems(p).map((s) => d.policyStatus(p, s))), 'id'),
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/applemdms$/,
      scope: 'systems',
      family: 'v2',
      handler: (r, d) => list(r, 'v2', arraySource([d.appleMdm()]), 'id'),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/applemdms\/([^/]+)\/devices$/,
      scope: 'systems',
      family: 'v2',
      handler: (r, d, [id]) =>
        id === d.appleMdm().id
          ? list(r, 'v2', arraySource(d.macSystems().map((m) => d.appleMdmDevice(m))), 'id')
          : err('v2', 404, 'apple mdm not found'),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/systeminsights\/([a-z_]+)$/,
      scope: 'systems',
      family: 'v2',
      handler: (r, d, [table]) => {
        const rows = d.insightsRows(table ?? '');
        if (!rows) return err('v2', 404, 'Not Found');
        return list(r, 'v2', arraySource(rows), 'system_id', { maxLimit: 10_000, total: false });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/authn\/policies$/,
      scope: 'policies',
      family: 'v2',
      handler: (r, d) => list(r, 'v2', arraySource(d.authnPolicies()), 'id'),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/applications\/([^/]+)\/users$/,
      scope: 'applications',
      family: 'v2',
      handler: (r, d, [id]) =>
        findOr404('v2', d.appIndex(id ?? ''), 'application', (a) => {
          const direct = arraySource(
            d
              .appDirectUsers(a)
              .map((i) => withPaths(d.userId(i), 'user', [edge(d.userId(i), 'user')])),
          );
          const g = d.appGroup(a);
          if (g === undefined) return list(r, 'v2', direct, 'id');
          const via = strided(d, g, (i) =>
            withPaths(d.userId(i), 'user', [
              edge(d.groupId(g), 'user_group'),
              edge(d.userId(i), 'user'),
            ]),
          );
          return list(r, 'v2', concat(direct, via), 'id');
        }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/applications\/([^/]+)\/usergroups$/,
      scope: 'applications',
      family: 'v2',
      handler: (r, d, [id]) =>
        findOr404('v2', d.appIndex(id ?? ''), 'application', (a) => {
          const g = d.appGroup(a);
          const items =
            g === undefined
              ? []
              : [withPaths(d.groupId(g), 'user_group', [edge(d.groupId(g), 'user_group')])];
          return list(r, 'v2', arraySource(items), 'id');
        }),
    },
    {
      method: 'POST',
      pattern: /^\/insights\/directory\/v1\/events$/,
      scope: 'insights',
      family: 'insights',
      handler: (r, d) => queryEvents(r, d),
    },
    {
      method: 'POST',
      pattern: /^\/insights\/directory\/v1\/events\/count$/,
      scope: 'insights',
      family: 'insights',
      handler: (r, d) => countEvents(r, d),
    },
  ];

  // ---- Directory Insights -------------------------------------------------------------------

  /** The body every events query shares: services and the time range (`end` open when absent). */
  const eventQuery = (
    req: SandboxRequest,
  ): Reply | { body: Obj; services: unknown[]; start: number; end: number } => {
    let body: Obj;
    try {
      body = JSON.parse(req.body || 'null') as Obj;
    } catch {
      return err('insights', 400, 'invalid JSON body');
    }
    if (!body || typeof body !== 'object')
      return err('insights', 400, 'a JSON query body is required');
    const services = body.service;
    if (!Array.isArray(services) || services.length === 0)
      return err('insights', 400, 'service is required');
    const start = Date.parse(String(body.start_time ?? ''));
    if (Number.isNaN(start)) return err('insights', 400, 'start_time is required (RFC3339)');
    const end =
      body.end_time === undefined ? Number.POSITIVE_INFINITY : Date.parse(String(body.end_time));
    if (Number.isNaN(end)) return err('insights', 400, 'end_time must be RFC3339');
    return { body, services, start, end };
  };

  /** `POST /events/count`: `{ count }` of the events the same query would return. */
  const countEvents = (req: SandboxRequest, d: JumpCloudOrgData): Reply => {
    const q = eventQuery(req);
    if (!('services' in q)) return q;
    const log = events(d);
    const all = q.services.includes('all');
    let count = 0;
    for (let i = log.firstAtOrAfter(q.start); i < log.firstAtOrAfter(q.end); i++) {
      if (all || q.services.includes(log.service(i))) count++;
    }
    return json(200, { count });
  };

  const queryEvents = (req: SandboxRequest, d: JumpCloudOrgData): Reply => {
    const q = eventQuery(req);
    if (!('services' in q)) return q;
    const { body, services, start, end } = q;
    const limit = body.limit === undefined ? 1000 : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      return err('insights', 400, 'limit must be between 1 and 10000');
    const desc = String(body.sort ?? 'ASC').toUpperCase() === 'DESC';
    const log = events(d);
    const all = services.includes('all');
    // search_after: [timestamp ms, id] of the last event already seen.
    let after: number | undefined;
    if (body.search_after !== undefined) {
      const sa = body.search_after;
      if (!Array.isArray(sa) || sa.length < 1 || !Number.isFinite(Number(sa[0])))
        return err('insights', 400, 'invalid search_after');
      after = Number(sa[0]);
    }
    const lo = log.firstAtOrAfter(
      desc ? start : Math.max(start, after === undefined ? start : after + 1),
    );
    const hiExclusive = log.firstAtOrAfter(
      desc ? Math.min(end, after === undefined ? Number.POSITIVE_INFINITY : after) : end,
    );
    const out: Obj[] = [];
    let lastTs = 0;
    let lastId = '';
    const take = (i: number) => {
      if (!all && !services.includes(log.service(i))) return;
      const e = log.event(i);
      out.push(e);
      lastTs = log.timestamp(i);
      lastId = String(e.id);
    };
    if (desc) for (let i = hiExclusive - 1; i >= lo && out.length < limit; i--) take(i);
    else for (let i = lo; i < hiExclusive && out.length < limit; i++) take(i);
    const searchAfter =
      out.length > 0 ? JSON.stringify([lastTs, lastId]) : JSON.stringify(body.search_after ?? []);
    return json(200, out, {
      'x-result-count': String(out.length),
      'x-limit': String(limit),
      'x-search_after': searchAfter,
    });
  };

  // ---- OAuth --------------------------------------------------------------------------------

  const tokenEndpoint = (req: SandboxRequest): Reply => {
    if (req.method !== 'POST')
      return json(405, { error: 'invalid_request', error_description: 'POST required' });
    const auth = header(req, 'authorization') ?? '';
    const m = /^Basic\s+(\S+)$/i.exec(auth);
    const decoded = m ? Buffer.from(m[1] as string, 'base64').toString('utf8') : '';
    // RFC 6749 §2.3.1: user and password are form-urlencoded, so the first `:` splits them.
    const colon = decoded.indexOf(':');
    const formDecode = (text: string) => new URLSearchParams(`v=${text}`).get('v') ?? '';
    const clientId = colon > 0 ? formDecode(decoded.slice(0, colon)) : '';
    const clientSecret = colon > 0 ? formDecode(decoded.slice(colon + 1)) : '';
    if (!clientId || serviceAccounts.get(clientId) !== clientSecret || !store.get(clientSecret)) {
      return json(401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed',
      });
    }
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') {
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: 'grant_type must be client_credentials',
      });
    }
    if ((form.get('scope') ?? 'api') !== 'api')
      return json(400, { error: 'invalid_scope', error_description: 'scope must be api' });
    const token = secret(32, 'jcat_');
    tokens.set(token, { secret: clientSecret, expiresAt: ctx.clock.now() + 3_600_000 });
    return json(
      200,
      { access_token: token, expires_in: 3600, scope: 'api', token_type: 'bearer' },
      { 'cache-control': 'no-store' },
    );
  };

  const authenticate = (req: SandboxRequest): Principal | undefined => {
    const key = header(req, 'x-api-key');
    if (key) return store.get(key);
    const m = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
    if (!m) return undefined;
    const t = tokens.get(m[1] as string);
    if (!t || t.expiresAt <= ctx.clock.now()) return undefined;
    return store.get(t.secret);
  };

  // ---- dispatch -----------------------------------------------------------------------------

  const handle = (req: SandboxRequest): Reply => {
    const path = req.url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/oauth2/token') return tokenEndpoint(req);
    const family: Family = path.startsWith('/insights/')
      ? 'insights'
      : path.startsWith('/api/v2/')
        ? 'v2'
        : 'v1';
    if (!path.startsWith('/api/') && !path.startsWith('/insights/directory/v1/'))
      return err(family, 404, 'Not Found');
    let params: string[] = [];
    const route = routes.find((r) => {
      const m = r.pattern.exec(path);
      if (m) params = m.slice(1).map((p) => decodeURIComponent(p));
      return m !== null;
    });
    const forbidsOrgHeader = ORG_HEADER_FORBIDDEN.test(path);

    const principal = authenticate(req);
    if (!principal) {
      const hasAny = header(req, 'x-api-key') || header(req, 'authorization');
      return err(
        family,
        401,
        hasAny ? 'Unauthorized: invalid credentials' : 'Unauthorized: missing x-api-key',
      );
    }

    // x-org-id rules (documented in the JumpCloud API reference).
    const orgHeader = header(req, 'x-org-id');
    let orgIndex = 0;
    if (forbidsOrgHeader) {
      if (orgHeader !== undefined)
        return err(family, 403, 'Forbidden: organization selection not allowed via header');
    } else if (orgHeader === undefined) {
      if (principal.multiTenant)
        return err(
          family,
          401,
          'Unauthorized: x-org-id is required for multi-tenant administrators',
        );
    } else {
      if (!/^[0-9a-f]{24}$/.test(orgHeader))
        return err(family, 400, 'Bad Request: invalid x-org-id');
      const k = objectIdIndex(seed, Stream.org, orgHeader);
      if (k === undefined || k >= orgCount || (!principal.multiTenant && k !== 0))
        return err(family, 404, 'Not Found: organization not found');
      orgIndex = k;
    }
    if (!route) return err(family, 404, 'Not Found');
    if (req.method !== route.method && !(route.method === 'GET' && req.method === 'HEAD')) {
      return err(family, 405, `Method ${req.method} not allowed`);
    }
    if (!scopesOf(principal).has(route.scope)) {
      return err(
        family,
        403,
        `Forbidden: the administrator role does not grant access to ${route.scope}`,
      );
    }
    if (window) {
      const now = ctx.clock.now();
      if (window.remaining(now) <= 0) {
        const retry = Math.max(1, Math.ceil(window.resetMs(now) / 1000));
        return err(family, 429, 'Too Many Requests', { 'retry-after': String(retry) });
      }
      window.record(now);
    }
    const orgIndices = principal.multiTenant ? Array.from({ length: orgCount }, (_, k) => k) : [0];
    return route.handler(req, orgData(orgIndex), params, { principal, orgIndices });
  };

  const familyOf = (req: SandboxRequest): Family =>
    req.url.pathname.startsWith('/insights/')
      ? 'insights'
      : req.url.pathname.startsWith('/api/v2/')
        ? 'v2'
        : 'v1';

  return {
    credentials,
    routes: [
      ...routes.map((r) => ({ method: r.method, pattern: r.pattern })),
      { method: 'POST', pattern: /^\/oauth2\/token$/, token: true },
    ],
    handle,
    faultReply: (spec: FaultSpec, req: SandboxRequest): Reply => {
      const family = familyOf(req);
      switch (spec.kind) {
        case '429':
          return err(family, 429, 'Too Many Requests', {
            'retry-after': String(spec.retryAfterSeconds ?? 1),
          });
        case '500':
          return err(family, 500, 'Internal Server Error');
        case '502':
          return html(502, htmlPage(502, 'Bad Gateway'));
        case '503':
          return err(family, 503, 'Service Unavailable', {
            'retry-after': String(spec.retryAfterSeconds ?? 1),
          });
        default:
          return html(spec.status ?? 500, htmlPage(spec.status ?? 500, 'Internal Server Error'));
      }
    },
    addCredential: make,
    revokeCredential: (s) => {
      store.revoke(s);
      for (const [id, cs] of serviceAccounts) if (cs === s) serviceAccounts.delete(id);
    },
    addUsers: (n): UserRef[] =>
      primary.users
        .add(n)
        .map((i) => ({ id: primary.userId(i), email: String(primary.systemuser(i).email) })),
    users: (): UserRef[] =>
      primary.users
        .range(0, primary.users.count)
        .map((i) => ({ id: primary.userId(i), email: String(primary.systemuser(i).email) })),
    removeUsers: (ids) => {
      for (const id of ids) {
        const i = primary.userIndex(String(id));
        if (i !== undefined) primary.users.remove(i);
      }
    },
    updateUser: (id, patch) => {
      const i = primary.userIndex(String(id));
      if (i === undefined) throw new Error(`jumpcloud sandbox: no user with id ${String(id)}`);
      const { _id: _ignored, ...rest } = patch;
      primary.users.patch(i, rest);
    },
    setLimits,
    expireTokens: () => tokens.clear(),
  };
}
