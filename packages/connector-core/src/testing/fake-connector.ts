import type { BudgetSnapshot, CallOptions, Connector, VerifyResult } from '../model/connector.js';
import type { SaasAccount, SaasAccountStatus } from '../model/saas-account.js';

/** A user as the fake vendor holds it; `raw` is what the connector hands over. */
export interface FakeUser {
  id: string;
  email: string;
  name?: string | undefined;
  status?: SaasAccountStatus | undefined;
  department?: string | undefined;
}

/** A run paused after a given number of accounts, until released. */
export interface Gate {
  /** Resolves when the run reached the gate. */
  reached: Promise<void>;
  release(): void;
}

/**
 * An in-memory Connector for the poller's tests: a mutable user list, scripted failures part way
 * through a run, gates that pause a run, and an optional budget.
 */
export interface FakeConnector extends Connector {
  users: Map<string, FakeUser>;
  add(...users: FakeUser[]): void;
  remove(...ids: string[]): void;
  update(id: string, patch: Partial<FakeUser>): void;
  /** The next run throws `error` after yielding `after` accounts. */
  failNextRun(after: number, error: unknown): void;
  /** The next run pauses after `after` accounts until released. */
  pauseNextRun(after: number): Gate;
  /** How many runs started, and the most that were ever in flight at once. */
  stats: { runs: number; active: number; maxActive: number };
  /** Whether the signal of the last run was aborted when it ended. */
  lastSignal: AbortSignal | undefined;
}

export function makeUsers(n: number, from = 1): FakeUser[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `u${from + i}`,
    email: `user${from + i}@example.com`,
    name: `User ${from + i}`,
    status: 'active' as const,
    department: 'eng',
  }));
}

export function createFakeConnector(
  o: {
    users?: FakeUser[];
    name?: string;
    budget?: () => BudgetSnapshot;
    estimateSyncCost?: () => Promise<number | undefined>;
  } = {},
): FakeConnector {
  const users = new Map((o.users ?? []).map((u) => [u.id, { ...u }]));
  let failure: { after: number; error: unknown } | undefined;
  let pause: { after: number; reached: () => void; released: Promise<void> } | undefined;
  const stats = { runs: 0, active: 0, maxActive: 0 };

  const toAccount = (u: FakeUser, connection: string): SaasAccount => ({
    vendor: 'fake',
    connection,
    id: u.id,
    email: u.email,
    name: u.name,
    status: u.status ?? 'active',
    createdAt: undefined,
    raw: { ...u },
  });

  const connector: FakeConnector = {
    vendor: 'fake',
    name: o.name ?? 'fake-1',
    users,
    stats,
    lastSignal: undefined,
    add: (...list) => {
      for (const u of list) users.set(u.id, { ...u });
    },
    remove: (...ids) => {
      for (const id of ids) users.delete(id);
    },
    update: (id, patch) => {
      const u = users.get(id);
      if (!u) throw new Error(`no user ${id}`);
      users.set(id, { ...u, ...patch });
    },
    failNextRun: (after, error) => {
      failure = { after, error };
    },
    pauseNextRun: (after) => {
      let reached: () => void = () => undefined;
      let release: () => void = () => undefined;
      const reachedP = new Promise<void>((r) => {
        reached = r;
      });
      const released = new Promise<void>((r) => {
        release = r;
      });
      pause = { after, reached, released };
      return { reached: reachedP, release };
    },
    async verify(): Promise<VerifyResult> {
      return { ok: true, vendor: 'fake', connection: connector.name };
    },
    async *accounts(options?: CallOptions) {
      const myFailure = failure;
      const myPause = pause;
      failure = undefined;
      pause = undefined;
      connector.lastSignal = options?.signal;
      stats.runs++;
      stats.active++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      try {
        // A consistent listing, as a vendor's pages would give while nothing changes mid-run.
        const list = [...users.values()];
        let i = 0;
        for (const u of list) {
          if (myFailure && i === myFailure.after) throw myFailure.error;
          if (myPause && i === myPause.after) {
            myPause.reached();
            await myPause.released;
          }
          yield toAccount(u, connector.name);
          i++;
        }
        if (myFailure && i === myFailure.after) throw myFailure.error;
      } finally {
        stats.active--;
      }
    },
  };
  if (o.budget) connector.budget = o.budget;
  if (o.estimateSyncCost) connector.estimateSyncCost = o.estimateSyncCost;
  return connector;
}
