import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { CallOptions, Connector, ConnectorEvent, SaasAccount } from '@org/connector-core';
import {
  type ClockDriver,
  createClockDriver,
  createManualClock,
  type ManualClock,
} from '@org/connector-core/testing';
import type { FaultSpec } from '../../control/faults.js';
import type { SandboxOptions, Vendor } from '../../options.js';
import { startReplay } from '../../replay/start-replay.js';
import { type CredentialsByVendor, type Sandbox, startSandbox } from '../../sandbox.js';
import { withoutScheme } from '../../server/credential.js';
import type { VendorFacts } from '../../server/vendor.js';
import { errorSurface, leaksSecret } from '../secret-canary.js';
import type { ConformanceAdapter, ConformanceOptions } from './adapter.js';
import { assertInjected } from './injection.js';
import { startTrap, type Trap } from './trap.js';
import { factsOf } from './vendors.js';

/** Users in a case's sandbox unless it asks for more: several pages for every vendor. */
export const DEFAULT_USERS = 400;
/** Page size the cases ask for (vendors that fix their own ignore it). */
export const PAGE_SIZE = 100;

/** Users-list requests past which a harness refuses to send more: the listing is endless. */
const MAX_USERS_REQUESTS = 1_000;

/** What a listing yielded before it ended, and how it ended. */
export interface Listed {
  accounts: SaasAccount[];
  error: unknown;
}

/** One case's world: a sandbox and a foreign trap on loopback, a manual clock, a driver. */
export interface Harness<V extends Vendor = Vendor> {
  vendor: V;
  /** What the vendor's sandbox folder declares about it. */
  facts: VendorFacts<CredentialsByVendor[V]>;
  sandbox: Sandbox<V>;
  clock: ManualClock;
  driver: ClockDriver;
  trap: Trap;
  /** Every event any connector of this harness sent. */
  events: ConnectorEvent[];
  /** Whether a request path is the users list. */
  isUsers(path: string): boolean;
  /** A connector for `credentials` (default the sandbox's), with the harness's clock and fetch. */
  connect(o?: ConformanceOptions & { credentials?: CredentialsByVendor[V] }): Connector;
  /** Schedules a fault on the users list. */
  fault(f: Omit<FaultSpec, 'path'>): void;
  /** Runs before every request (after it is recorded): a case mutates the tenant here. */
  beforeRequest: ((url: URL) => void) | undefined;
  /** Fails a request as a network error would, when it returns one. */
  failRequest: ((url: URL) => Error | undefined) | undefined;
  /** Users-list requests count as held (not answered yet on purpose) while their body streams. */
  holdUsersBodies: boolean;
  /** Settles `promise` on the manual clock. */
  run<T>(promise: Promise<T>): Promise<T>;
  /** Lists accounts, keeping what was yielded before an error. */
  list(connector: Connector, o?: CallOptions): Promise<Listed>;
  /** Ids of the sandbox's users who have an email (every one an account), from the sandbox. */
  truth(): string[];
  /** Asserts a listing holds exactly the sandbox's users, each once. */
  assertComplete(accounts: readonly SaasAccount[]): void;
  /** Users-list requests sent so far. */
  usersRequests(): number;
  /** Every configured secret, and every credential value the connectors sent. */
  secrets(): string[];
  /**
   * A secret the connector holds: the first configured one it has sent (raw or inside a Basic
   * header), else the first credential value it sent. Call it after a request went out.
   */
  heldSecret(): string;
  /** Nothing observable holds a piece of a secret, and nothing went to another origin. */
  assertClean(connector: Connector, error?: unknown): void;
  close(): Promise<void>;
}

/** What a case asks of its harness: how many users, and sandbox options of its own (`order`). */
export interface HarnessOptions {
  /** Users in the sandbox (default {@link DEFAULT_USERS}). */
  users?: number;
  /** Sandbox options over the adapter's (sizes and clock stay the harness's). */
  sandbox?: Pick<SandboxOptions, 'order'>;
}

/** Starts a {@link Harness} for `adapter` with `users` users. */
export async function openHarness<V extends Vendor>(
  adapter: ConformanceAdapter<V>,
  o: HarnessOptions = {},
): Promise<Harness<V>> {
  const facts = factsOf(adapter.vendor);
  const credentialHeaders = [...new Set(facts.auth.map((c) => c.header))];
  const clock = createManualClock();
  const users = o.users ?? DEFAULT_USERS;
  const sandbox = adapter.replay
    ? await startReplay<V>(adapter.replay, { clock, users, order: o.sandbox?.order })
    : await startSandbox<V>({
        limits: false,
        ...adapter.sandbox,
        ...o.sandbox,
        vendor: adapter.vendor,
        clock,
        size: { users },
      } as Parameters<typeof startSandbox<V>>[0]);
  if (sandbox.vendor !== adapter.vendor)
    throw new TypeError(`a recording of ${sandbox.vendor}, for the ${adapter.vendor} suite`);
  const trap = await startTrap();
  const sent = new Set<string>();
  const events: ConnectorEvent[] = [];
  let held = 0;
  let usersSent = 0;
  // A listing yielding this many accounts is endless (the tenant has a tenth of them).
  const maxAccounts = 10 * Math.max(users, sandbox.control.users().length) + 1_000;
  const isUsers = (path: string) => facts.usersPath.test(path);

  const inner: typeof fetch = async (input, init) => {
    const original = input instanceof Request ? input : undefined;
    const url = new URL(original ? original.url : String(input));
    const headers = new Headers(init?.headers ?? original?.headers);
    for (const name of credentialHeaders) {
      const value = headers.get(name);
      if (value) {
        sent.add(value);
        sent.add(withoutScheme(value));
      }
    }
    if (isUsers(url.pathname) && ++usersSent > MAX_USERS_REQUESTS) {
      throw new Error(`more than ${MAX_USERS_REQUESTS} users-list requests: an endless listing`);
    }
    h.beforeRequest?.(url);
    const failure = h.failRequest?.(url);
    if (failure) throw failure;
    const response = await fetch(input, init);
    if (!h.holdUsersBodies || !isUsers(url.pathname) || !response.body) return response;
    return holdWhileStreaming(response, {
      start: () => held++,
      end: () => held--,
    });
  };
  // Held on purpose: bodies streaming while `holdUsersBodies`, and every request the sandbox hung.
  const driver = createClockDriver(clock, {
    fetch: inner,
    held: () => held + (sandbox.control.counters().status.hang ?? 0),
  });

  const h: Harness<V> = {
    vendor: adapter.vendor,
    facts,
    sandbox,
    clock,
    driver,
    trap,
    events,
    isUsers,
    beforeRequest: undefined,
    failRequest: undefined,
    holdUsersBodies: false,
    connect: ({ credentials, ...options } = {}) =>
      adapter.connect(credentials ?? sandbox.credentials, {
        clock,
        fetch: driver.fetch,
        pageSize: PAGE_SIZE,
        retry: { random: () => 0.5 },
        ...options,
        onEvent: (e) => {
          events.push(e);
          options.onEvent?.(e);
        },
      }),
    fault: (f) => sandbox.control.fault({ ...f, path: facts.usersPath }),
    run: (promise) => driver.run(promise),
    list: (connector, co) =>
      driver.run(
        (async () => {
          const accounts: SaasAccount[] = [];
          try {
            for await (const a of connector.accounts(co)) {
              accounts.push(a);
              if (accounts.length > maxAccounts) {
                const message = `accounts() yielded more than ${maxAccounts} accounts: an endless listing`;
                return { accounts, error: new assert.AssertionError({ message }) };
              }
            }
            return { accounts, error: undefined };
          } catch (error) {
            return { accounts, error };
          }
        })(),
      ),
    truth: () =>
      sandbox.control
        .users()
        .filter((u) => typeof u.email === 'string' && u.email !== '')
        .map((u) => String(u.id)),
    assertComplete(accounts) {
      const ids = accounts.map((a) => a.id);
      assert.equal(new Set(ids).size, ids.length, 'an account was listed twice');
      const listed = new Set(ids);
      const missing = h.truth().filter((id) => !listed.has(id));
      assert.deepEqual(
        missing.slice(0, 5),
        [],
        `${missing.length} of the sandbox's users were not listed`,
      );
      assert.equal(ids.length, h.truth().length, 'accounts were listed the sandbox does not have');
    },
    usersRequests: () => driver.sent.filter((r) => isUsers(r.url.pathname)).length,
    secrets: () => {
      const configured = [
        ...(adapter.secrets ?? facts.secrets)(sandbox.credentials),
        ...sent,
      ].filter((s) => s.length >= 10);
      return [...configured, ...configured.map((s) => Buffer.from(s).toString('base64'))];
    },
    heldSecret() {
      const configured = (adapter.secrets ?? facts.secrets)(sandbox.credentials);
      const values = [...sent];
      const text = [...values, ...values.map((v) => Buffer.from(v, 'base64').toString('utf8'))];
      const held = configured.find((s) => text.some((t) => t.includes(s)));
      const fallback = values.find((v) => v.length >= 10 && !/\s/.test(v));
      assert.ok(held ?? fallback, 'no credential has been sent yet');
      return (held ?? fallback) as string;
    },
    assertClean(connector, error) {
      const secrets = h.secrets();
      const where: Array<[string, string]> = [
        ['events', JSON.stringify(events)],
        ['toJSON', JSON.stringify(connector) ?? ''],
        ['util.inspect', inspect(connector, { depth: Number.POSITIVE_INFINITY, showHidden: true })],
      ];
      if (error !== undefined) where.unshift(['the error', errorSurface(error)]);
      for (const [name, text] of where) {
        assert.equal(leaksSecret(text, secrets), false, `${name} holds a piece of a secret`);
      }
      assert.deepEqual(
        trap.requests.map((r) => r.url),
        [],
        'a request reached another origin',
      );
      for (const r of driver.sent) {
        assert.equal(r.url.origin, sandbox.url, `a request went to ${r.url.origin}`);
      }
    },
    close: async () => {
      await Promise.all([sandbox.close(), trap.close()]);
    },
  };
  return h;
}

/** The same response, with `start` called now and `end` once its body is read or given up. */
function holdWhileStreaming(response: Response, o: { start(): void; end(): void }): Response {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let open = true;
  const end = () => {
    if (open) {
      open = false;
      o.end();
    }
  };
  o.start();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    cancel(reason) {
      end();
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Asserts `error` is an instance of `type`, saying what it was instead. */
export function assertError(
  error: unknown,
  type: abstract new (...args: never[]) => Error,
  what: string,
): void {
  assert.ok(
    error instanceof type,
    `${what}: expected ${type.name}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  );
}

/**
 * Runs `body` in a fresh harness and closes it, whatever happens. A fault the case scheduled that
 * the sandbox took but could not apply fails the case with a `SuiteInjectionError` ("suite could
 * not inject"), whatever the body concluded: it tested nothing.
 */
export async function withHarness<V extends Vendor>(
  adapter: ConformanceAdapter<V>,
  o: HarnessOptions,
  body: (h: Harness<V>) => Promise<void>,
): Promise<void> {
  const h = await openHarness(adapter, o);
  try {
    let failure: { error: unknown } | undefined;
    try {
      await body(h);
    } catch (error) {
      failure = { error };
    }
    assertInjected(h.sandbox.control.faultReport(), failure?.error);
    if (failure) throw failure.error;
  } finally {
    await h.close();
  }
}
