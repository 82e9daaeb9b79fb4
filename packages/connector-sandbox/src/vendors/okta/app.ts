import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { allows, CredentialStore } from '../../control/credentials.js';
import type { FaultSpec } from '../../control/faults.js';
import type { LimitWindow, SandboxLimits } from '../../options.js';
import { FixedWindow } from '../../rate-limit/fixed-window.js';
import { header, json, type Reply, type SandboxRequest } from '../../server/types.js';
import {
  type AddCredentialOptions,
  type UserRef,
  type VendorContext,
  type VendorRuntime,
  withOAuthClient,
} from '../../server/vendor.js';
import { OktaData } from './objects.js';
import { oktaScenario } from './scenario.js';
import { publicOf, verifyAssertion } from './token.js';

/** What an Okta sandbox hands out. */
export interface OktaCredentials {
  /** An API token, sent as `Authorization: SSWS <apiToken>`. */
  apiToken: string;
  /** The org's URL (here the sandbox's own): the API is under `/api/v1/`, tokens at `/oauth2/v1/token`. */
  baseUrl: string;
  /**
   * An OAuth 2.0 service app with the same permissions: `private_key_jwt` with this PEM key (RS256);
   * pass it to `createOktaConnector` as `serviceApp`. Not enumerable, so these credentials still go
   * to `createOktaConnector` as they are (with the API token).
   */
  readonly oauthClient: { clientId: string; privateKey: string };
}

/** The OAuth scopes the sandbox checks: what an API token's admin or a service app may read. */
export const OKTA_SCOPES = [
  'okta.users.read',
  'okta.groups.read',
  'okta.factors.read',
  'okta.roles.read',
] as const;

/** Users per page unless `limit` says (200 is also the most). */
const USERS_LIMIT = 200;
/** Groups per page (Okta's default is 10,000). */
const GROUPS_LIMIT = 10_000;
/** Members per page (Okta's default and most: 1,000). */
const MEMBERS_LIMIT = 1_000;
/** Okta's per-minute budget of each endpoint family when none is given. */
const DEFAULT_PER_MINUTE: LimitWindow = { limit: 600, intervalMs: 60_000 };
/** Access tokens live an hour. */
const TOKEN_LIFETIME_S = 3_600;

/** Okta's error body. */
function oktaError(
  status: number,
  code: string,
  summary: string,
  headers?: Record<string, string>,
): Reply {
  return json(
    status,
    {
      errorCode: code,
      errorSummary: summary,
      errorLink: code,
      errorId: `oae${randomBytes(10).toString('base64url').slice(0, 19)}`,
      errorCauses: [],
    },
    headers,
  );
}

const ID_SEGMENT = /\/[A-Za-z0-9]{20}(?=\/|$)/g;

/** Creates the Okta imitation: the Management API and the org authorization server's token endpoint. */
export function createOkta(ctx: VendorContext): VendorRuntime<OktaCredentials> {
  const data = new OktaData(
    ctx.seed,
    ctx.size.users,
    ctx.size.groups,
    ctx.url,
    ctx.emailDomain,
    oktaScenario(ctx.scenario),
  );
  const store = new CredentialStore();
  // Service apps: client id → public key; revoking the private key (its secret) removes the app.
  const clients = new Map<string, { key: ReturnType<typeof publicOf>; secret: string }>();
  const usedJti = new Set<string>();
  const make = (o: AddCredentialOptions): OktaCredentials => {
    const apiToken = `00${randomBytes(30).toString('base64url').slice(0, 40)}`;
    store.add(apiToken, o);
    const clientId = `0oa${randomBytes(12).toString('hex').slice(0, 17)}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    store.add(pem, o);
    clients.set(clientId, { key: publicOf(pem), secret: pem });
    return withOAuthClient({ apiToken, baseUrl: ctx.url }, { clientId, privateKey: pem });
  };
  const credentials = make({});

  let perMinute: LimitWindow | undefined = DEFAULT_PER_MINUTE;
  const buckets = new Map<string, FixedWindow>();
  const setLimits = (limits: SandboxLimits | false) => {
    perMinute =
      limits === false || limits.perMinute === false
        ? undefined
        : (limits.perMinute ?? DEFAULT_PER_MINUTE);
    buckets.clear();
  };
  setLimits(ctx.limits);
  /** Each endpoint family (method and path, ids left out) has its own per-minute window. */
  const bucketOf = (req: SandboxRequest) =>
    `${req.method} ${req.url.pathname.replace(ID_SEGMENT, '/{id}')}`;
  const windowOf = (req: SandboxRequest): FixedWindow | undefined => {
    if (!perMinute) return undefined;
    const key = bucketOf(req);
    let w = buckets.get(key);
    if (!w) {
      w = new FixedWindow(perMinute);
      buckets.set(key, w);
    }
    return w;
  };
  const rateHeaders = (w: FixedWindow | undefined, now: number): Record<string, string> =>
    w
      ? {
          'x-rate-limit-limit': String(w.window.limit),
          'x-rate-limit-remaining': String(w.remaining(now)),
          'x-rate-limit-reset': String(Math.ceil((now + w.resetMs(now)) / 1000)),
        }
      : {};

  /** `Link` headers the way Okta writes them: `self`, and `next` while another page follows. */
  const links = (req: SandboxRequest, after: string | undefined): Record<string, string> => {
    const self = new URL(`${req.origin}${req.url.pathname}${req.url.search}`);
    const parts = [`<${self}>; rel="self"`];
    if (after !== undefined) {
      const next = new URL(self);
      next.searchParams.set('after', after);
      parts.push(`<${next}>; rel="next"`);
    }
    return { link: parts.join(', ') };
  };

  const limitOf = (req: SandboxRequest, fallback: number, most: number): number | Reply => {
    const raw = req.url.searchParams.get('limit');
    if (raw === null) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1)
      return oktaError(400, 'E0000001', 'Api validation failed: limit');
    return Math.min(Number(raw), most);
  };

  /** Walks live indices after the `after` cursor (an item id), keeping those `keep` accepts. */
  const pageOf = (
    req: SandboxRequest,
    limit: number,
    count: number,
    indexOf: (id: string) => number | undefined,
    idOf: (index: number) => string,
    keep: (index: number) => boolean,
    live: (index: number) => boolean,
  ): { indices: number[]; next: string | undefined } | Reply => {
    const after = req.url.searchParams.get('after');
    let at = -1;
    if (after !== null) {
      const i = indexOf(after);
      // Okta's cursor is the last id served; a cursor of a user since removed still marks a place.
      if (i === undefined) return oktaError(400, 'E0000031', 'Invalid search criteria.');
      at = i;
    }
    const indices: number[] = [];
    let more = false;
    for (let i = at + 1; i < count; i++) {
      if (!live(i) || !keep(i)) continue;
      if (indices.length === limit) {
        more = true;
        break;
      }
      indices.push(i);
    }
    const last = indices[indices.length - 1];
    return { indices, next: more && last !== undefined ? idOf(last) : undefined };
  };

  /** `status eq "X"` in `search` or `filter`; undefined when neither is given. */
  const statusFilter = (req: SandboxRequest): string | undefined | Reply => {
    const q = req.url.searchParams.get('search') ?? req.url.searchParams.get('filter');
    if (q === null) return undefined;
    const m = /^\s*status\s+eq\s+"([A-Z_]+)"\s*$/i.exec(q);
    if (!m) return oktaError(400, 'E0000031', 'Invalid search criteria.');
    return (m[1] as string).toUpperCase();
  };

  const userIndexOf = (id: string) => {
    const i = data.userIndex(id);
    return i;
  };
  const userLookup = (id: string) => {
    // An id that was a user keeps marking a place after the user is gone (keyset paging).
    const i = data.userIndex(id);
    if (i !== undefined) return i;
    const probe = /^00u[0-9a-f]{6}([0-9a-z]{11})$/.exec(id);
    return probe && data.userId(Number.parseInt(probe[1] as string, 36)) === id
      ? Number.parseInt(probe[1] as string, 36)
      : undefined;
  };

  const listUsers = (req: SandboxRequest): Reply => {
    const limit = limitOf(req, USERS_LIMIT, USERS_LIMIT);
    if (typeof limit !== 'number') return limit;
    const status = statusFilter(req);
    if (status !== undefined && typeof status !== 'string') return status;
    const page = pageOf(
      req,
      limit,
      data.users.total,
      userLookup,
      (i) => data.userId(i),
      (i) => (status === undefined ? data.listed(i) : data.status(i) === status),
      (i) => data.users.has(i),
    );
    if (!('indices' in page)) return page;
    return json(
      200,
      page.indices.map((i) => data.user(i)),
      links(req, page.next),
    );
  };

  const listGroups = (req: SandboxRequest): Reply => {
    const limit = limitOf(req, GROUPS_LIMIT, GROUPS_LIMIT);
    if (typeof limit !== 'number') return limit;
    const page = pageOf(
      req,
      limit,
      data.groups,
      (id) => data.groupIndex(id),
      (g) => data.groupId(g),
      () => true,
      () => true,
    );
    if (!('indices' in page)) return page;
    return json(
      200,
      page.indices.map((g) => data.group(g)),
      links(req, page.next),
    );
  };

  const listMembers = (req: SandboxRequest, groupId: string): Reply => {
    const g = data.groupIndex(groupId);
    if (g === undefined)
      return oktaError(404, 'E0000007', `Not found: Resource not found: ${groupId} (UserGroup)`);
    const limit = limitOf(req, MEMBERS_LIMIT, MEMBERS_LIMIT);
    if (typeof limit !== 'number') return limit;
    const page = pageOf(
      req,
      limit,
      data.users.total,
      userLookup,
      (i) => data.userId(i),
      (i) => data.listed(i) && data.isMember(i, g),
      (i) => data.users.has(i),
    );
    if (!('indices' in page)) return page;
    return json(
      200,
      page.indices.map((i) => data.user(i)),
      links(req, page.next),
    );
  };

  const withUser = (id: string, then: (index: number) => Reply): Reply => {
    const i = userIndexOf(id);
    return i === undefined
      ? oktaError(404, 'E0000007', `Not found: Resource not found: ${id} (User)`)
      : then(i);
  };

  const routes: Array<{
    pattern: RegExp;
    scope: (typeof OKTA_SCOPES)[number];
    handler: (req: SandboxRequest, id: string) => Reply;
  }> = [
    { pattern: /^\/api\/v1\/users$/, scope: 'okta.users.read', handler: listUsers },
    {
      pattern: /^\/api\/v1\/users\/([^/]+)$/,
      scope: 'okta.users.read',
      handler: (_r, id) => withUser(id, (i) => json(200, data.user(i))),
    },
    {
      pattern: /^\/api\/v1\/users\/([^/]+)\/factors$/,
      scope: 'okta.factors.read',
      handler: (_r, id) => withUser(id, (i) => json(200, data.factors(i))),
    },
    {
      pattern: /^\/api\/v1\/users\/([^/]+)\/roles$/,
      scope: 'okta.roles.read',
      handler: (_r, id) => withUser(id, (i) => json(200, data.roles(i))),
    },
    { pattern: /^\/api\/v1\/groups$/, scope: 'okta.groups.read', handler: listGroups },
    {
      pattern: /^\/api\/v1\/groups\/([^/]+)\/users$/,
      scope: 'okta.groups.read',
      handler: listMembers,
    },
  ];

  // Access tokens issued by the token endpoint: token → scopes and the client's key (its owner).
  let tokens = new Map<string, { scopes: Set<string>; expiresAt: number; owner: string }>();

  const tokenEndpoint = (req: SandboxRequest): Reply => {
    const form = new URLSearchParams(req.body);
    const invalid = (error: string, description: string, status = 400) =>
      json(status, { error, error_description: description });
    if (form.get('grant_type') !== 'client_credentials')
      return invalid(
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server.',
      );
    if (
      form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
    )
      return invalid(
        'invalid_client',
        'Client authentication failed. Either the client or the client credentials are invalid.',
        401,
      );
    const jwt = form.get('client_assertion') ?? '';
    let clientId = '';
    try {
      clientId = String(
        JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')).iss ?? '',
      );
    } catch {
      // not a JWT: refused below
    }
    const client = clients.get(clientId);
    const principal = client ? store.get(client.secret) : undefined;
    if (!client || !principal)
      return invalid('invalid_client', 'The client_assertion token is invalid.', 401);
    const claims = verifyAssertion(jwt, {
      publicKey: client.key,
      clientId,
      audience: `${req.origin}/oauth2/v1/token`,
      nowMs: ctx.clock.now(),
    });
    if (typeof claims === 'string') return invalid('invalid_client', claims, 401);
    if (usedJti.has(claims.jti))
      return invalid('invalid_client', 'The client_assertion token has already been used.', 401);
    usedJti.add(claims.jti);
    const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (requested.length === 0)
      return invalid(
        'invalid_scope',
        'The authorization server resource does not have any configured default scopes.',
      );
    const unknown = requested.find((s) => !(OKTA_SCOPES as readonly string[]).includes(s));
    if (unknown)
      return invalid(
        'invalid_scope',
        `One or more scopes are not configured for the authorization server resource.`,
      );
    const access = `eyJ${randomBytes(48).toString('base64url')}`;
    tokens.set(access, {
      scopes: new Set(requested.filter((s) => allows(principal, [s]))),
      expiresAt: ctx.clock.now() + TOKEN_LIFETIME_S * 1000,
      owner: client.secret,
    });
    return json(200, {
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_S,
      access_token: access,
      scope: requested.join(' '),
    });
  };

  /** Who a request is: an API token's admin, or a service app's access token; or why not. */
  const authenticate = (req: SandboxRequest, scope: string): Reply | undefined => {
    const auth = header(req, 'authorization') ?? '';
    const invalid = oktaError(401, 'E0000011', 'Invalid token provided');
    const ssws = /^SSWS\s+(\S+)$/.exec(auth);
    if (ssws) {
      const principal = store.get(ssws[1]);
      if (!principal) return invalid;
      return allows(principal, [scope])
        ? undefined
        : oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
    const token = bearer ? tokens.get(bearer[1] as string) : undefined;
    if (!token || token.expiresAt <= ctx.clock.now() || !store.get(token.owner)) return invalid;
    return token.scopes.has(scope)
      ? undefined
      : oktaError(403, 'E0000006', 'You do not have permission to perform the requested action', {
          'www-authenticate': `Bearer authorization_uri="${req.origin}/oauth2/v1/authorize", realm="${req.origin}", scope="${scope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${req.url.pathname}"`,
        });
  };

  const handle = (req: SandboxRequest): Reply => {
    if (req.url.pathname === '/oauth2/v1/token') {
      return req.method === 'POST'
        ? tokenEndpoint(req)
        : oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
    }
    let id = '';
    const route = routes.find((r) => {
      const m = r.pattern.exec(req.url.pathname);
      if (m) id = decodeURIComponent(m[1] ?? '');
      return m !== null;
    });
    if (!route)
      return oktaError(404, 'E0000022', 'The endpoint does not support the provided HTTP method');
    const now = ctx.clock.now();
    const w = windowOf(req);
    if (w && w.remaining(now) <= 0) {
      return oktaError(
        429,
        'E0000047',
        'API call exceeded rate limit due to too many requests.',
        rateHeaders(w, now),
      );
    }
    w?.record(now);
    if (req.method !== 'GET')
      return oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
    const refused = authenticate(req, route.scope);
    const reply = refused ?? route.handler(req, id);
    return { ...reply, headers: { ...rateHeaders(w, now), ...reply.headers } };
  };

  return {
    credentials,
    routes: [
      ...routes.map((r) => ({ method: 'GET', pattern: r.pattern })),
      { method: 'POST', pattern: /^\/oauth2\/v1\/token$/, token: true },
    ],
    handle,
    faultReply: (spec: FaultSpec, req: SandboxRequest): Reply => {
      const now = ctx.clock.now();
      const w = windowOf(req);
      switch (spec.kind) {
        case '429': {
          // Okta sends no Retry-After: the wait is in X-Rate-Limit-Reset (epoch seconds).
          const limit = w?.window.limit ?? DEFAULT_PER_MINUTE.limit;
          const reset = Math.ceil((now + (spec.retryAfterSeconds ?? 1) * 1000) / 1000);
          return oktaError(
            429,
            'E0000047',
            'API call exceeded rate limit due to too many requests.',
            {
              'x-rate-limit-limit': String(limit),
              'x-rate-limit-remaining': '0',
              'x-rate-limit-reset': String(reset),
            },
          );
        }
        case '503':
          return oktaError(503, 'E0000010', 'Service is temporarily unavailable', {
            'retry-after': String(spec.retryAfterSeconds ?? 1),
          });
        case '502':
          return oktaError(502, 'E0000009', 'Internal Server Error');
        default:
          return oktaError(spec.status ?? 500, 'E0000009', 'Internal Server Error');
      }
    },
    addCredential: make,
    revokeCredential: (s) => {
      store.revoke(s);
      for (const [token, t] of tokens) if (t.owner === s) tokens.delete(token);
    },
    addUsers: (n): UserRef[] =>
      data.users.add(n).map((i) => {
        data.users.patch(i, { status: 'ACTIVE' });
        return { id: data.userId(i), email: (data.user(i).profile as { email: string }).email };
      }),
    users: (): UserRef[] =>
      data.users
        .range(0, data.users.count)
        .filter((i) => data.listed(i))
        .map((i) => ({
          id: data.userId(i),
          email: (data.user(i).profile as { email: string }).email,
        })),
    removeUsers: (ids) => {
      for (const id of ids) {
        const index = data.userIndex(String(id));
        if (index !== undefined) data.users.remove(index);
      }
    },
    updateUser: (id, patch) => {
      const index = data.userIndex(String(id));
      if (index === undefined) throw new Error(`okta sandbox: no user with id ${String(id)}`);
      const { id: _id, ...rest } = patch;
      data.users.patch(index, rest);
    },
    setLimits,
    expireTokens: () => {
      tokens = new Map();
    },
  };
}
