import type * as v from 'valibot';
import type { HttpClient, QueryParams } from '../http/options.js';
import type { CallOptions } from '../model/connector.js';
import type { ContinuityOptions } from '../paginate/continuity.js';
import type { Paginated } from '../paginate/paginate.js';
import { paginate } from '../paginate/paginate.js';
import { paginated } from '../paginate/paginated.js';
import type { PageContext, PaginationStrategy } from '../paginate/strategy.js';

/** Options every `list()` of a declared resource takes. */
export interface ListCallOptions extends CallOptions {
  /** Stop after this many items (default: the connector's `maxItems`, else all). */
  maxItems?: number | undefined;
}

/** A listing's size, once its first page tells the total. */
export interface ListPlan {
  /** Key of the resource in the table, such as `users`. */
  resource: string;
  /** Method and path of the list, such as `GET /api/v1/users/`. */
  endpoint: string;
  /** Items the listing will yield (the total, capped by `maxItems`). */
  total: number;
  /** Requests the listing still needs after its first page. */
  requests: number;
}

/** What a list declaration's hooks are told about the connection. */
export interface ListContext {
  /** Items per request the connection was configured with. */
  pageSize: number;
  /** Pages fetched at once, when the total is known. */
  concurrency: number;
  /** Key of the resource in the table. */
  resource: string;
  /** Method and path of the list, such as `GET /api/v1/users/`. */
  endpoint: string;
}

/**
 * A list endpoint: path, page schema, how to take the items out, how the vendor pages, and how
 * consistent the listing must be while the data changes.
 */
export interface ListDeclaration<S extends v.GenericSchema, Item, O extends object> {
  /** Host the list lives on (a key of the transport's `hosts`; default `api`). */
  host?: string | undefined;
  /** Path relative to the host's base URL. */
  path: string;
  /** `POST` for a search that takes its filters in a JSON body (default `GET`). */
  method?: 'GET' | 'POST' | undefined;
  /** Query parameters from the caller's options (filters). */
  query?(options: O): QueryParams;
  /** JSON body of every page of a `POST` list, from the caller's options. */
  body?(options: O): Record<string, unknown>;
  /** Headers sent with every page; `undefined` removes a default one. */
  headers?: Record<string, string | undefined> | undefined;
  /** valibot schema of one page. */
  page: S;
  /** The items of a page. */
  items(page: v.InferOutput<S>): readonly Item[];
  /** JSON path of the items inside a page, for error messages (default `$`). */
  itemsPath?: string | undefined;
  /** How the vendor pages this list. */
  paging(ctx: ListContext, options: O & ListCallOptions): PaginationStrategy<v.InferOutput<S>>;
  /** Stable id of an item (de-duplication, invalid-item reports). */
  id?(item: Item): string;
  /**
   * How the listing stays consistent while items are added or removed between page requests
   * (core's `paginate` `continuity`), for these options; `undefined` for none.
   */
  continuity?(options: O): ContinuityOptions<Item> | undefined;
  /** Drops items whose `id` was already seen (a list that takes no sort, so cannot overlap). */
  dedupe?: boolean | undefined;
}

/** A single-item endpoint: path of one item and its schema. */
export interface GetDeclaration<S extends v.GenericSchema, Id> {
  /** Host the item lives on (default `api`). */
  host?: string | undefined;
  /** Path of the item; validate the id here (throw `RangeError` for a malformed one). */
  path(id: Id): string;
  /** Headers of the request; `undefined` removes a default one. */
  headers?: Record<string, string | undefined> | undefined;
  /** valibot schema of the item. */
  schema: S;
}

/** One row of a connector's resource table. */
export interface ResourceDeclaration<
  LS extends v.GenericSchema = v.GenericSchema,
  Item = unknown,
  O extends object = object,
  GS extends v.GenericSchema = v.GenericSchema,
  Id = never,
> {
  /** The list endpoint. */
  list: ListDeclaration<LS, Item, O>;
  /** The single-item endpoint, when the vendor has one. */
  get?: GetDeclaration<GS, Id> | undefined;
  /**
   * Lists under one item (a group's members): per name, the list declaration for an item's id.
   * Each becomes `resource.<name>(id, options)`.
   */
  lists?: Record<string, (id: string) => ListDeclaration<v.GenericSchema, unknown, object>>;
}

/** Declares a list endpoint (a helper that lets TypeScript infer the item type). */
export function listOf<S extends v.GenericSchema, Item, O extends object = object>(
  declaration: ListDeclaration<S, Item, O>,
): ListDeclaration<S, Item, O> {
  return declaration;
}

/** Declares a single-item endpoint. */
export function getOf<S extends v.GenericSchema, Id>(
  declaration: GetDeclaration<S, Id>,
): GetDeclaration<S, Id> {
  return declaration;
}

/** Declares one row of a resource table (keeps the exact type, so `get` shows only when declared). */
export function resource<D extends ResourceDeclaration>(declaration: D): D {
  return declaration;
}

/** The resource a declaration becomes on the connector: `list()` and, when declared, `get()`. */
export type ResourceOf<D> = (D extends { list: ListDeclaration<infer _S, infer Item, infer O> }
  ? {
      /** Streams the list. */
      list(options?: O & ListCallOptions): Paginated<Item>;
    }
  : never) &
  (D extends { get: GetDeclaration<infer GS, infer Id> }
    ? {
        /** Reads one item; a missing one throws `NotFoundError`. */
        get(id: Id, options?: CallOptions): Promise<v.InferOutput<GS>>;
      }
    : unknown) &
  (D extends { lists: infer L }
    ? {
        readonly [K in keyof L]: L[K] extends (
          id: string,
        ) => ListDeclaration<infer _S, infer Item, infer O>
          ? (id: string, options?: O & ListCallOptions) => Paginated<Item>
          : never;
      }
    : unknown);

/** What building a resource needs from the connection. */
export interface ResourceRuntime {
  /** The client of each host. */
  client(host: string | undefined): HttpClient;
  /** Defaults of the connection. */
  list: Pick<ListContext, 'pageSize' | 'concurrency'> & { maxItems: number | undefined };
  /** Key of the resource in the table. */
  key: string;
  /** The definition's `planListing` hook, bound to the connection. */
  planListing?: ((plan: ListPlan) => void) | undefined;
  /** Runs before every call (a vendor's quota check). */
  beforeCall?: ((signal: AbortSignal | undefined) => Promise<void>) | undefined;
}

/** Builds a resource's `list()` and `get()` from its declaration. */
export function buildResource<D extends ResourceDeclaration<v.GenericSchema, unknown, object>>(
  declaration: D,
  runtime: ResourceRuntime,
): ResourceOf<D> {
  const g = declaration.get;
  const built: Record<string, unknown> = {
    list: (options: object & ListCallOptions = {}) => listing(declaration.list, runtime, options),
  };
  if (g) {
    built.get = async (id: unknown, options: CallOptions = {}) => {
      const path = g.path(id as never); // validates the id before anything is sent
      await runtime.beforeCall?.(options.signal);
      const { data } = await runtime.client(g.host).request({
        path,
        headers: g.headers,
        schema: g.schema,
        signal: options.signal,
      });
      return data;
    };
  }
  for (const [name, list] of Object.entries(declaration.lists ?? {})) {
    built[name] = (id: string, options: object & ListCallOptions = {}) =>
      listing(list(id), runtime, options);
  }
  return built as ResourceOf<D>;
}

/**
 * Once the first page tells the total, plans only the pages `maxItems` needs (pages fetched ahead
 * cost budget, and a backward read starts at the last page it plans) and tells the connection how
 * many requests the listing still needs: the pages after the first, and the first page once more
 * when a backward read ends on it.
 */
function planned<P>(
  strategy: PaginationStrategy<P>,
  o: {
    maxItems: number | undefined;
    backward: boolean;
    tell(total: number, requests: number): void;
  },
): PaginationStrategy<P> {
  const size = strategy.pageSize;
  if (!strategy.plan || size === undefined) return strategy;
  let told = false;
  return {
    ...strategy,
    plan(ctx: PageContext<P>) {
      const all = strategy.plan?.(ctx);
      if (!all) return all;
      const wanted = Math.min(
        all.total ?? all.pages * size,
        o.maxItems ?? Number.POSITIVE_INFINITY,
      );
      // Overlapping pages (offset lists read with `overlap`) advance by less than a page each.
      const stride = Math.max(1, size - (strategy.overlap ?? 0));
      const pages =
        o.maxItems === undefined
          ? all.pages
          : Math.min(all.pages, Math.max(1, Math.ceil(wanted / stride)));
      if (!told && ctx.index === 0) {
        told = true; // before any later page is requested
        o.tell(wanted, o.backward && pages > 1 ? pages : pages - 1);
      }
      return pages === all.pages ? all : { ...all, pages };
    },
  };
}

/** Streams one declared list. Errors in the caller's options are thrown here, before any request. */
export function listing(
  l: ListDeclaration<v.GenericSchema, unknown, object>,
  runtime: ResourceRuntime,
  options: object & ListCallOptions,
): Paginated<unknown> {
  const http = runtime.client(l.host);
  const maxItems = options.maxItems ?? runtime.list.maxItems;
  const method = l.method ?? 'GET';
  const endpoint = `${method} ${new URL(l.path.replace(/^\/+/, ''), http.baseUrl).pathname}`;
  const resource = runtime.key;
  const ctx: ListContext = {
    pageSize: runtime.list.pageSize,
    concurrency: runtime.list.concurrency,
    resource,
    endpoint,
  };
  const continuity = l.continuity?.(options);
  const strategy = planned(l.paging(ctx, { ...options, maxItems }), {
    maxItems,
    backward: continuity?.mode === 'backward',
    tell: (total, requests) => runtime.planListing?.({ resource, endpoint, total, requests }),
  });
  const list = paginate(http, {
    path: l.path,
    method,
    query: l.query?.(options),
    body: l.body?.(options),
    headers: l.headers,
    page: l.page,
    items: l.items,
    strategy,
    signal: options.signal,
    maxItems,
    concurrency: runtime.list.concurrency,
    dedupeBy: l.dedupe ? l.id?.bind(l) : undefined,
    id: l.id?.bind(l),
    continuity,
    onUnproven: options.onUnprovenListing,
    resume: options.resume,
    onPosition: options.onPosition,
  });
  const before = runtime.beforeCall;
  if (!before) return list;
  // The check runs when the list is iterated, not when it is created.
  return paginated(async function* () {
    await before(options.signal);
    yield* list.pages();
  });
}
