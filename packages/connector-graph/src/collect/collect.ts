import { AbortError, ConfigError, type Connector } from '@org/connector-core';
import type { GraphConnectionInfo, GraphSnapshot, ResourceStatus } from '../model/snapshot.js';
import { addPeople, PEOPLE_SOURCE, type PeopleOptions } from '../people/people.js';
import { BUILT_IN_ADAPTERS, directoriesOf } from '../vendors/registry.js';
import type { ResourceReader, VendorAdapter } from './adapter.js';
import { checkBudget } from './budget-check.js';
import { GraphBuilder, type SourceCounts } from './builder.js';
import { carryIncomplete } from './carry.js';
import type { CollectEvent } from './events.js';

/** Options of {@link collect}. */
export interface CollectOptions {
  /** Aborts collection (which then rejects with `AbortError`: an aborted read is no snapshot). */
  signal?: AbortSignal | undefined;
  /** Receives progress, estimate and budget events. Called synchronously. */
  onEvent?: ((event: CollectEvent) => void) | undefined;
  /** Send a `progress` event every this many items of a resource (default 1000). */
  progressEvery?: number | undefined;
  /**
   * The last snapshot, when there is one: its counts make the cost estimate of fan-out reads
   * (one call per group for memberships) exact instead of a floor, and what a failed resource
   * produced in it is carried into this one, marked `_stale`, instead of going missing (the
   * persons and accounts derived from it then do not change either).
   */
  previous?: GraphSnapshot | undefined;
  /**
   * What to do when a long budget window (an hour or more, such as Hexnode's daily quota) has
   * fewer calls left than the estimate: `refuse` (default) refuses that connection with a
   * `RateLimitError` (`scope: 'quota'`, `retryAfterMs` until the window resets) before any call
   * of it (the others are read; when none can be, `collect` rejects with it); `warn` sends a
   * `budget-warning` and reads anyway; `ignore` skips the check. Shorter windows only pace.
   */
  budgetPolicy?: 'refuse' | 'warn' | 'ignore' | undefined;
  /** Windows at least this long must hold the whole read (default one hour). */
  longWindowMs?: number | undefined;
  /** How people are joined across vendors; `false` adds no persons. */
  people?: PeopleOptions | false | undefined;
  /** Adapters for more vendors, or replacements for the built-in ones, by `connector.vendor`. */
  adapters?: Readonly<Record<string, VendorAdapter>> | undefined;
  /** The time the snapshot is stamped with (default `Date.now`). */
  now?: (() => number) | undefined;
  /**
   * Tags per connection name, such as `{ prod: { AccountName: 'Acme', Description: 'EU portal' } }`:
   * each entity the connection reads carries them as `tag.AccountName`, as JupiterOne does, so
   * queries and exports can tell the accounts apart. Names are letters, digits and `_`.
   */
  tags?: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
}

interface Plan {
  connector: Connector;
  adapter: VendorAdapter;
  info: GraphConnectionInfo;
  accountId: string;
  readers: ResourceReader[];
}

function errorInfo(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'unknown',
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * Reads every resource of every connection into one {@link GraphSnapshot}.
 *
 * Before any call it estimates each connection's cost and checks it against the connection's
 * rate budget (`connector.budget()`, see `budgetPolicy`). Connections are read in parallel, the
 * resources of one connection one after another (they share its rate limit). A resource that
 * fails is marked incomplete with the error's code and message, and the rest is still read: the
 * snapshot says what it lacks instead of pretending the resource is empty. A resource whose
 * listing read every item but could not prove it missed none (the vendor's pages in no order by
 * id) is marked `unproven`, with the reason: a diff then withholds its removals. Resources that
 * need a failed one (memberships need the groups) are marked incomplete too. A connection whose
 * estimate or budget check fails is not read at all (a `connection-failed` event, each of its
 * resources incomplete with the error); `collect` rejects only when no connection can be read.
 *
 * @example
 * ```ts
 * const snapshot = await collect([hexnode, kandji, jumpcloud], {
 *   people: { domainAliases: { 'acme.io': 'acme.com' } },
 *   onEvent: (e) => e.type === 'resource-finished' && console.log(e.status),
 * });
 * ```
 */
export async function collect(
  connections: readonly Connector[],
  options: CollectOptions = {},
): Promise<GraphSnapshot> {
  const now = options.now ?? Date.now;
  const takenAt = new Date(now());
  const progressEvery = options.progressEvery ?? 1000;
  const emit = (event: CollectEvent) => options.onEvent?.(event);
  if (!(Number.isInteger(progressEvery) && progressEvery > 0)) {
    throw new ConfigError('collect: progressEvery must be a positive integer');
  }

  const names = new Set<string>();
  const plans: Plan[] = connections.map((connector) => {
    const adapter = options.adapters?.[connector.vendor] ?? BUILT_IN_ADAPTERS[connector.vendor];
    if (!adapter) {
      throw new ConfigError(`collect: no adapter for vendor "${connector.vendor}"`, {
        vendor: connector.vendor,
      });
    }
    if (names.has(connector.name)) {
      throw new ConfigError(`collect: two connections are named "${connector.name}"`);
    }
    names.add(connector.name);
    for (const tag of Object.keys(options.tags?.[connector.name] ?? {})) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(tag)) {
        throw new ConfigError(
          `collect: tag "${tag}" of ${connector.name} must be letters, digits and _, starting with a letter`,
        );
      }
    }
    const account = adapter.account(connector);
    const accountId = String(account.id);
    return {
      connector,
      adapter,
      accountId,
      readers: adapter.resources(connector),
      info: {
        name: connector.name,
        vendor: connector.vendor,
        identity: adapter.identity(connector),
        accountKey: `${connector.name}:account:${accountId}`,
      },
    };
  });

  const previousCounts = new Map<string, ResourceStatus>();
  for (const r of options.previous?.resources ?? []) previousCounts.set(r.source, r);
  // A connection whose estimate or budget check fails (a revoked key, a spent quota) is not
  // read; the others are. Only when none can be read does collect reject, with the first error.
  const failed = new Map<Plan, { code: string; message: string }>();
  let firstFailure: unknown;
  for (const plan of plans) {
    const of = (resource: string) => previousCounts.get(`${plan.connector.name}/${resource}`);
    const items = (resource: string) => of(resource)?.entities;
    const edges = (resource: string) => of(resource)?.relationships;
    try {
      const costs: Record<string, number> = {};
      for (const reader of plan.readers) {
        costs[reader.name] = await reader.estimate({ items, edges });
      }
      checkBudget({
        connector: plan.connector,
        costs,
        policy: options.budgetPolicy ?? 'refuse',
        longWindowMs: options.longWindowMs ?? 3_600_000,
        now: now(),
        emit,
      });
    } catch (error) {
      if (options.signal?.aborted || error instanceof ConfigError) throw error;
      const info = errorInfo(error);
      failed.set(plan, info);
      firstFailure ??= error;
      emit({ type: 'connection-failed', connection: plan.info.name, error: info, cause: error });
    }
  }
  if (plans.length > 0 && failed.size === plans.length) throw firstFailure;

  const builder = new GraphBuilder();
  const statuses: ResourceStatus[] = [];
  await Promise.all(
    plans.map(async (plan) => {
      const { connector, info } = plan;
      const types = plan.adapter.types;
      const account = plan.adapter.account(connector);
      builder
        .context({
          connection: info.name,
          vendor: info.vendor,
          resource: 'account',
          accountId: plan.accountId,
          signal: options.signal,
          onItem: () => undefined,
          types,
          tags: options.tags?.[info.name],
        })
        .entity({ ...account, kind: 'account' });

      const refused = failed.get(plan);
      if (refused) {
        for (const reader of plan.readers) {
          const status: ResourceStatus = {
            source: `${info.name}/${reader.name}`,
            connection: info.name,
            resource: reader.name,
            complete: false,
            entities: 0,
            relationships: 0,
            error: refused,
          };
          statuses.push(status);
          emit({ type: 'resource-finished', status });
        }
        return;
      }
      const incomplete = new Set<string>();
      for (const reader of plan.readers) {
        if (options.signal?.aborted) throw new AbortError();
        const counts: SourceCounts = { entities: 0, relationships: 0 };
        const unproven: string[] = [];
        const finish = (error?: { code: string; message: string }) => {
          const status: ResourceStatus = {
            source: `${info.name}/${reader.name}`,
            connection: info.name,
            resource: reader.name,
            complete: error === undefined,
            ...counts,
            ...(error ? { error } : {}),
            ...(unproven.length > 0 ? { unproven: { reason: unproven.join('; ') } } : {}),
          };
          if (error) incomplete.add(reader.name);
          statuses.push(status);
          emit({ type: 'resource-finished', status });
        };
        const missing = (reader.dependsOn ?? []).filter((d) => incomplete.has(d));
        if (missing.length > 0) {
          finish({ code: 'dependency', message: `not read: ${missing.join(', ')} incomplete` });
          continue;
        }
        emit({ type: 'resource-started', connection: info.name, resource: reader.name });
        const ctx = builder.context({
          connection: info.name,
          vendor: info.vendor,
          resource: reader.name,
          accountId: plan.accountId,
          signal: options.signal,
          types,
          tags: options.tags?.[info.name],
          onItem: (what) => {
            counts[what]++;
            if ((counts.entities + counts.relationships) % progressEvery === 0) {
              emit({ type: 'progress', connection: info.name, resource: reader.name, ...counts });
            }
          },
          onUnproven: (l) => {
            const why = `${l.endpoint}: ${l.reason}`;
            if (!unproven.includes(why)) unproven.push(why);
          },
        });
        try {
          await reader.read(ctx);
          finish();
        } catch (error) {
          if (options.signal?.aborted) throw error;
          finish(errorInfo(error));
        }
      }
    }),
  );

  if (options.previous) {
    const merges = new Map(
      plans.flatMap((p) => p.readers.map((r) => [`${p.info.name}/${r.name}`, r.merges] as const)),
    );
    const incomplete = new Set(statuses.filter((s) => !s.complete).map((s) => s.source));
    carryIncomplete(builder, options.previous, incomplete, merges);
  }

  if (options.people !== false) {
    const before = builder.relationships.size;
    const entitiesBefore = builder.entities.size;
    const adapters = { ...BUILT_IN_ADAPTERS, ...options.adapters };
    addPeople(builder, { directories: directoriesOf(adapters), ...options.people });
    const sources = statuses.filter(
      (s) => s.resource === 'users' || s.resource === 'administrators',
    );
    const lacking = sources.filter((s) => !s.complete).map((s) => s.source);
    // People joined from an unproven listing may lack someone it missed: no removals either.
    const unproven = sources.filter((s) => s.complete && s.unproven).map((s) => s.source);
    statuses.push({
      source: PEOPLE_SOURCE,
      connection: 'graph',
      resource: 'people',
      complete: lacking.length === 0,
      entities: builder.entities.size - entitiesBefore,
      relationships: builder.relationships.size - before,
      ...(lacking.length > 0
        ? { error: { code: 'dependency', message: `joined without ${lacking.join(', ')}` } }
        : {}),
      ...(unproven.length > 0
        ? { unproven: { reason: `joined from unproven ${unproven.join(', ')}` } }
        : {}),
    });
  }

  const order = new Map(plans.map((p, i) => [p.info.name, i]));
  statuses.sort(
    (a, b) => (order.get(a.connection) ?? plans.length) - (order.get(b.connection) ?? plans.length),
  );
  return {
    takenAt,
    connections: plans.map((p) => p.info),
    entities: builder.entities,
    relationships: builder.relationships,
    resources: statuses,
    complete: statuses.every((s) => s.complete),
  };
}
