import type * as v from 'valibot';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import { type Clock, systemClock } from '../clock/clock.js';
import { createHttpClient } from '../http/client.js';
import type {
  HttpClient,
  HttpClientOptions,
  QueryParams,
  TransportOptions,
} from '../http/options.js';
import type {
  BudgetSnapshot,
  CallOptions,
  ConnectionIdentity,
  Connector,
  VerifyResult,
} from '../model/connector.js';
import type { SaasAccount } from '../model/saas-account.js';
import type { AdaptiveLimitOptions } from '../rate-limit/adaptive.js';
import {
  createRateLimiter,
  type RateLimiter,
  type RateLimitWindow,
} from '../rate-limit/limiter.js';
import type { RateLimitHeaderVocabulary } from '../rate-limit/rate-limit-headers.js';
import { type AccountJoin, type AccountMap, mapAccounts } from './account-mapper.js';
import { type ConfigWording, parseConfig } from './config-error.js';
import { mergeKeys, optionKeysOf, TRANSPORT_OPTION_KEYS } from './option-keys.js';
import {
  buildResource,
  type ListPlan,
  type ResourceDeclaration,
  type ResourceOf,
} from './resource-table.js';

/** Settings every connector's config schema resolves (see `connectorOptions`). */
export interface CommonConfig {
  /** Name of the connection; the definition's default when absent. */
  name?: string | undefined;
  /** Items per request. */
  pageSize: number;
  /** Requests in flight at once, and pages fetched ahead. */
  concurrency: number;
  /** Default cap on items per list. */
  maxItems?: number | undefined;
}

/** How a connector talks to its vendor. */
export interface TransportDeclaration {
  /** Base URL per host; `api` is the default host. Credentials go only to these origins. */
  hosts: { api: string } & Record<string, string>;
  /** Authentication, shared by every host. */
  auth: AuthStrategy;
  /** Rate windows known up front; response headers tighten them (or replace `assumed` ones). */
  windows: RateLimitWindow[];
  /**
   * The rate-limit header vocabularies the vendor speaks, such as `['okta']` (default `['kong',
   * 'ietf', 'github']`): the limiter paces from them and a 429 waits until their reset.
   */
  rateLimitHeaders?: readonly RateLimitHeaderVocabulary[] | undefined;
  /**
   * The vendor's per-endpoint bucket of a request (Okta limits each endpoint family on its own),
   * or undefined for the connection-wide windows alone; each bucket's window is learned from the
   * headers of its responses and shown in `budget()`.
   */
  rateLimitBucket?: HttpClientOptions['rateLimitBucket'];
  /** Longest a call waits for a rate-limit slot before failing with `RateLimitError`. */
  maxWaitMs?: number | undefined;
  /**
   * Learn the limit from 429s, for a vendor that enforces one without announcing it (see
   * `AdaptiveLimitOptions`); `windows` still apply beside it.
   */
  adaptive?: AdaptiveLimitOptions | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Vendor error mapper. */
  mapError?: HttpClientOptions['mapError'];
  /** Vendor retry hint: how long a 429 asks to wait when `Retry-After` does not say. */
  retryAfter?: HttpClientOptions['retryAfter'];
}

/** The host app's `fetch` and clock, for transport parts that send requests of their own (an OAuth token). */
export interface TransportEnv {
  /** The `fetch` the connection was given, when one was. */
  fetch: typeof fetch | undefined;
  /** The connection's clock. */
  clock: Clock;
}

/** What a definition's hooks are given: the connection as core built it. */
export interface ConnectorRuntime<Config, State = undefined> {
  /** Vendor id. */
  readonly vendor: string;
  /** Name of the connection. */
  readonly name: string;
  /** The resolved config. */
  readonly config: Config;
  /** The client of the default host. */
  readonly http: HttpClient;
  /** The client of a named host. */
  client(host?: string): HttpClient;
  /** The connection's limiter. */
  readonly limiter: RateLimiter;
  /** The connection's clock. */
  readonly clock: Clock;
  /** Vendor state from `setup`. */
  readonly state: State;
  /** Pages the last complete `accounts()` run read, `undefined` before the first. */
  readonly lastSyncPages: number | undefined;
}

/** Everything a connector declares; core builds the rest. */
export interface ConnectorDefinition<
  S extends v.GenericSchema<unknown, CommonConfig>,
  R extends Record<string, ResourceDeclaration>,
  A extends keyof R & string,
  State,
  X extends object,
> {
  /** Vendor id, such as `kandji`. */
  vendor: string;
  /** Vendor name as people write it, such as `Kandji`. */
  label: string;
  /** `User-Agent` of every request (`userAgentOf(pkg)`). */
  userAgent: string;
  /** valibot schema of the options; its output is the resolved config. */
  config: S;
  /** Per field: what to do, and where in the vendor console (see `ConfigWording.hints`). */
  hints: Readonly<Record<string, string>>;
  /** What to do at the vendor to revoke the credential of a deleted connection (`Connector.revokeAccess`). */
  revokeAccess?: string | undefined;
  /** Default connection name: unique per tenant. */
  defaultName(config: v.InferOutput<S>): string;
  /** Vendor, host and tenant the connection reads. */
  identity(config: v.InferOutput<S>): ConnectionIdentity;
  /** Hosts, auth, rate windows, error mapper, retry hints (`env`: for an auth strategy's own requests). */
  transport(config: v.InferOutput<S>, env: TransportEnv): TransportDeclaration;
  /** Vendor state built once per connection (a quota tracker). */
  setup?(runtime: ConnectorRuntime<v.InferOutput<S>, undefined>): State;
  /** Runs before every resource call (a quota check). */
  beforeCall?(
    runtime: ConnectorRuntime<v.InferOutput<S>, State>,
    signal: AbortSignal | undefined,
  ): Promise<void>;
  /**
   * Told a listing's size and the requests it still needs once its first page revealed the total
   * (before any later page is requested); throw to stop it before it spends a budget it cannot
   * finish within (a daily quota).
   */
  planListing?(runtime: ConnectorRuntime<v.InferOutput<S>, State>, plan: ListPlan): void;
  /** The resource table. */
  resources: R;
  /** Where accounts come from and how one item maps. */
  accounts: {
    /** The resource listed. */
    from: A;
    /** JSON path of the items inside a page (`$.results`). */
    itemsPath: string;
    /** Maps one item. */
    map: AccountMap<ItemOf<R[A]>>;
    /**
     * A leaner page schema for `accounts()` than the resource's (validating fields no account
     * uses is most of what a large sync costs); its items must hold every field `map` reads. A
     * function of the resolved config when the host chooses what items keep (extra `raw` fields).
     */
    page?: v.GenericSchema | ((config: v.InferOutput<S>) => v.GenericSchema) | undefined;
    /**
     * Query parameters `accounts()` adds to the resource's own, such as a vendor's field
     * selection asking only for what `page` validates (smaller pages to send, parse and hold);
     * a function of the resolved config when the fields depend on it.
     */
    query?: QueryParams | ((config: v.InferOutput<S>) => QueryParams) | undefined;
    /**
     * A per-run pass made before the first page of every `accounts()` run (an activity log read
     * for last sign-ins); the joiner it returns completes each account before it is yielded, and
     * `undefined` leaves accounts as `map` built them. A failure fails the run with the pass's
     * error before any account is yielded, so a run never looks complete without it. Its requests
     * are not in `lastSyncPages`: a definition that enriches counts them in `estimateSyncCost`.
     */
    enrich?(
      runtime: ConnectorRuntime<v.InferOutput<S>, State>,
      options: CallOptions,
    ): Promise<AccountJoin<ItemOf<R[A]>> | undefined>;
  };
  /** One cheap call proving credentials and permission; returns facts worth showing. */
  verify(
    runtime: ConnectorRuntime<v.InferOutput<S>, State>,
    options: CallOptions,
  ): Promise<Record<string, string | number | boolean>>;
  /** Requests a full `accounts()` run costs (default: the last run's pages). */
  estimateSyncCost?(
    runtime: ConnectorRuntime<v.InferOutput<S>, State>,
    options: CallOptions,
  ): Promise<number | undefined>;
  /** Adjusts the budget shown (hide a window not yet known). */
  budget?(
    runtime: ConnectorRuntime<v.InferOutput<S>, State>,
    budget: BudgetSnapshot,
  ): BudgetSnapshot;
  /** Secret-free facts added to `toJSON`. */
  describe?(runtime: ConnectorRuntime<v.InferOutput<S>, State>): Record<string, unknown>;
  /** Vendor members added to the connector (`dailyQuota()`, `region`). */
  members?(runtime: ConnectorRuntime<v.InferOutput<S>, State>): X;
}

/** The item type a resource declaration lists. */
export type ItemOf<D> =
  D extends ResourceDeclaration<v.GenericSchema, infer Item, infer _O> ? Item : never;

/** A connector as {@link defineConnector} builds it. */
export type DefinedConnector<
  R extends Record<string, ResourceDeclaration>,
  X extends object,
> = Connector & {
  /** Vendor, host and tenant the connection reads. */
  readonly identity: ConnectionIdentity;
  /** Checks credentials and permission with one call. */
  verify(options?: CallOptions): Promise<VerifyResult>;
  /** The connection's remaining rate budget. */
  budget(): BudgetSnapshot;
  /** Requests a full `accounts()` run costs, when known. */
  estimateSyncCost(options?: CallOptions): Promise<number | undefined>;
  /** A secret-free description, also used by `JSON.stringify` and `util.inspect`. */
  toJSON(): Record<string, unknown>;
} & { readonly [K in keyof R]: ResourceOf<R[K]> } & X;

/**
 * A connector factory, with the vendor's config resolver beside it. A vendor package names its
 * three types (`ConnectorFactory<JumpCloudConnectorOptions, JumpCloudConnector, JumpCloudConfig>`)
 * so editors and the API reference show those names, not the schema types they are inferred from.
 *
 * @typeParam Options - What the factory takes: the vendor's options and the transport hooks.
 * @typeParam Connection - The connection it returns.
 * @typeParam Config - The options after validation.
 */
export interface ConnectorFactory<Options, Connection, Config> {
  /** Creates a connection; throws `ConfigError` (with `vendor`) for bad options. */
  (options: Options): Connection;
  /** Validates options into the resolved config without connecting (transport hooks are ignored). */
  resolveConfig(options: Options): Config;
}

/**
 * Builds a connector from its declaration: parses the options with the config schema (errors worded
 * "<Vendor> config: <field> <problem>: <what to do>"; an option name neither the schema nor the
 * transport options know is refused, naming the nearest valid one), creates one limiter and one client per host,
 * turns the resource table into `list()`/`get()` accessors, and supplies `verify`, `accounts` (with
 * `onInvalidItem`), `budget`, `estimateSyncCost`, `identity`, `toJSON` and `util.inspect`.
 *
 * @param definition - What the vendor needs: config schema, transport, resources, account mapper.
 * @returns The vendor's `create<Vendor>Connector`.
 */
export function defineConnector<
  S extends v.GenericSchema<unknown, CommonConfig>,
  R extends Record<string, ResourceDeclaration>,
  A extends keyof R & string,
  State = undefined,
  X extends object = object,
>(
  definition: ConnectorDefinition<S, R, A, State, X>,
): ConnectorFactory<v.InferInput<S> & TransportOptions, DefinedConnector<R, X>, v.InferOutput<S>> {
  const wording: ConfigWording = {
    vendor: definition.vendor,
    label: definition.label,
    hints: definition.hints,
  };
  // The schema's option names and the transport hooks every connector takes: nothing else.
  const schemaKeys = optionKeysOf(definition.config);
  const keys = schemaKeys === true ? undefined : mergeKeys(schemaKeys, TRANSPORT_OPTION_KEYS);
  const resolveConfig = (options: v.InferInput<S>): v.InferOutput<S> =>
    parseConfig(wording, definition.config, options, keys);

  const create = (options: v.InferInput<S> & TransportOptions): DefinedConnector<R, X> => {
    const config = resolveConfig(options);
    const common: CommonConfig = config;
    const clock = options.clock ?? systemClock;
    const transport = definition.transport(config, { fetch: options.fetch, clock });
    const name = common.name ?? definition.defaultName(config);
    const identity = definition.identity(config);
    const limiter = createRateLimiter({
      windows: transport.windows,
      concurrency: common.concurrency,
      maxWaitMs: transport.maxWaitMs,
      adaptive: transport.adaptive,
      headers: transport.rateLimitHeaders,
      // Connections to one tenant given one shared store share one budget, across processes.
      store: options.rateLimitStore,
      key: options.rateLimitKey ?? `${identity.vendor}:${identity.host}:${identity.tenant}`,
      clock,
    });
    const clients = new Map<string, HttpClient>();
    for (const [host, baseUrl] of Object.entries(transport.hosts)) {
      clients.set(
        host,
        createHttpClient({
          vendor: definition.vendor,
          baseUrl,
          auth: transport.auth,
          limiter,
          userAgent: definition.userAgent,
          headers: transport.headers,
          mapError: transport.mapError,
          retryAfter: transport.retryAfter,
          rateLimitHeaders: transport.rateLimitHeaders,
          rateLimitBucket: transport.rateLimitBucket,
          retry: options.retry,
          timeout: options.timeout,
          maxResponseBytes: options.maxResponseBytes,
          onEvent: options.onEvent,
          signal: options.signal,
          fetch: options.fetch,
          clock,
        }),
      );
    }
    const client = (host = 'api'): HttpClient => {
      const found = clients.get(host);
      if (!found) throw new Error(`${definition.vendor} declares no host named ${host}`);
      return found;
    };
    let lastSyncPages: number | undefined;
    const runtimeWith = <T>(state: T): ConnectorRuntime<v.InferOutput<S>, T> =>
      Object.defineProperty(
        { vendor: definition.vendor, name, config, http: client(), client, limiter, clock, state },
        'lastSyncPages',
        { get: () => lastSyncPages, enumerable: true },
      ) as ConnectorRuntime<v.InferOutput<S>, T>;
    const state = definition.setup
      ? definition.setup(runtimeWith(undefined))
      : (undefined as State);
    const runtime = runtimeWith(state);
    const planListing = definition.planListing
      ? (plan: ListPlan) =>
          (definition.planListing as NonNullable<typeof definition.planListing>)(runtime, plan)
      : undefined;
    const beforeCall = definition.beforeCall
      ? (signal: AbortSignal | undefined) =>
          (definition.beforeCall as NonNullable<typeof definition.beforeCall>)(runtime, signal)
      : undefined;

    const resources: Record<string, unknown> = {};
    for (const [key, declaration] of Object.entries(definition.resources)) {
      resources[key] = buildResource(declaration, {
        client,
        list: {
          pageSize: common.pageSize,
          concurrency: common.concurrency,
          maxItems: common.maxItems,
        },
        key,
        planListing,
        beforeCall,
      });
    }
    const source = definition.resources[definition.accounts.from] as ResourceDeclaration;
    const leanPage =
      typeof definition.accounts.page === 'function'
        ? definition.accounts.page(config)
        : definition.accounts.page;
    const extraQuery =
      typeof definition.accounts.query === 'function'
        ? definition.accounts.query(config)
        : definition.accounts.query;
    const sourceQuery = source.list.query?.bind(source.list);
    const accountsList = buildResource(
      {
        list: {
          ...source.list,
          page: leanPage ?? source.list.page,
          ...(extraQuery ? { query: (o: object) => ({ ...sourceQuery?.(o), ...extraQuery }) } : {}),
        },
      },
      {
        client,
        list: { pageSize: common.pageSize, concurrency: common.concurrency, maxItems: undefined },
        key: definition.accounts.from,
        planListing,
        beforeCall,
      },
    );

    const describe = (): Record<string, unknown> => ({
      vendor: definition.vendor,
      name,
      identity,
      ...definition.describe?.(runtime),
      http: client().toJSON(),
    });

    const connector = {
      vendor: definition.vendor,
      name,
      identity,
      revokeAccess: definition.revokeAccess,
      ...resources,
      async verify(callOptions: CallOptions = {}): Promise<VerifyResult> {
        const details = await definition.verify(runtime, callOptions);
        return { ok: true, vendor: definition.vendor, connection: name, details };
      },
      accounts(callOptions: CallOptions = {}): AsyncGenerator<SaasAccount> {
        let pages = 0;
        // The list is made when iteration starts (option errors surface there), and the mapper's
        // generator is handed out as is: a delegating one would add a step to every account.
        const pagesOf = {
          [Symbol.asyncIterator]: () =>
            accountsList
              .list({
                signal: callOptions.signal,
                maxItems: undefined,
                onUnprovenListing: callOptions.onUnprovenListing,
                resume: callOptions.resume,
                onPosition: callOptions.onPosition,
              })
              .pages()
              [Symbol.asyncIterator](),
        };
        return mapAccounts(
          pagesOf,
          definition.accounts.map as AccountMap<unknown>,
          {
            vendor: definition.vendor,
            label: definition.label,
            connection: name,
            resource: definition.accounts.from,
            itemsPath: definition.accounts.itemsPath,
            id: source.list.id?.bind(source.list),
            prepare: definition.accounts.enrich
              ? () =>
                  (definition.accounts.enrich as NonNullable<typeof definition.accounts.enrich>)(
                    runtime,
                    callOptions,
                  ) as Promise<AccountJoin<unknown> | undefined>
              : undefined,
            onPage: () => {
              pages++;
            },
            onDone: () => {
              lastSyncPages = Math.max(pages, 1);
            },
          },
          callOptions,
        );
      },
      budget(): BudgetSnapshot {
        const snapshot = limiter.budget();
        return definition.budget ? definition.budget(runtime, snapshot) : snapshot;
      },
      async estimateSyncCost(callOptions: CallOptions = {}) {
        if (definition.estimateSyncCost) return definition.estimateSyncCost(runtime, callOptions);
        return lastSyncPages;
      },
      toJSON: describe,
      ...definition.members?.(runtime),
    };
    // util.inspect would otherwise walk the closures' objects; show the secret-free description.
    Object.defineProperty(connector, Symbol.for('nodejs.util.inspect.custom'), {
      value: describe,
      enumerable: false,
    });
    return connector as unknown as DefinedConnector<R, X>;
  };
  return Object.assign(create, { resolveConfig });
}
