import assert from 'node:assert/strict';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  NetworkError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@org/connector-core';
import type { FaultSpec } from '../../control/faults.js';
import type { Vendor } from '../../options.js';
import { credentialIn } from '../../server/credential.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { assertError, type Harness, withHarness } from './harness.js';

type ErrorType = abstract new (...args: never[]) => Error;

interface MidPagination {
  name: string;
  type: ErrorType;
  /** The sandbox's answer repeats the whole credential (checked, so the canary is real). */
  echoes?: boolean;
  /** Makes the second users-list request (and its retries) fail; page 1 is served as usual. */
  arrange(h: Harness, ac: AbortController): void;
}

// Persistent (`times`): an OAuth connector refreshes its token and retries a 401 once.
const echo = (status: number, more: Partial<FaultSpec> = {}): Omit<FaultSpec, 'path'> => ({
  kind: 'secret-echo',
  after: 1,
  times: 10,
  echo: { piece: 'whole', status, headers: true },
  ...more,
});

const MID_PAGINATION: MidPagination[] = [
  {
    name: 'a 401 echoing the credential in body and headers',
    echoes: true,
    type: AuthenticationError,
    arrange: (h) => h.fault(echo(401)),
  },
  {
    name: 'a 403 echoing the credential',
    echoes: true,
    type: PermissionError,
    arrange: (h) => h.fault(echo(403)),
  },
  {
    name: 'a 400 echoing the credential JSON-escaped',
    type: BadRequestError,
    arrange: (h) =>
      h.fault({ kind: 'secret-echo', after: 1, echo: { piece: 'json-escaped', status: 400 } }),
  },
  {
    name: 'a 429 asking for two hours, echoing the credential',
    echoes: true,
    type: RateLimitError,
    arrange: (h) => h.fault(echo(429, { retryAfterSeconds: 7_200, times: 5 })),
  },
  {
    name: 'a 503 echoing the credential until retries run out',
    echoes: true,
    type: ServerError,
    arrange: (h) => h.fault(echo(503, { times: 10 })),
  },
  {
    name: 'a network error naming the credential',
    type: NetworkError,
    arrange: (h) => {
      let users = 0;
      h.failRequest = (url) => {
        if (!h.isUsers(url.pathname) || ++users < 2) return undefined;
        const cause = Object.assign(
          new Error(`socket hang up (Authorization: Bearer ${h.heldSecret()})`),
          { code: 'ECONNRESET' },
        );
        return new TypeError('fetch failed', { cause });
      };
    },
  },
  {
    name: 'a per-attempt timeout (the server never answers)',
    type: TimeoutError,
    arrange: (h) => h.fault({ kind: 'hang', after: 1, times: 10 }),
  },
  {
    name: 'an abort whose reason names the credential, while waiting to retry',
    type: AbortError,
    arrange: (h, ac) => {
      h.fault({ kind: '503', after: 1, retryAfterSeconds: 10, times: 10 });
      const stop = () =>
        h.events.some((e) => e.type === 'retry')
          ? ac.abort(new Error(`stop ${h.heldSecret()}`))
          : setImmediate(stop);
      stop();
    },
  },
  {
    name: 'a page whose shape is wrong where the credential sits',
    type: ValidationError,
    arrange: (h) =>
      h.fault({
        kind: 'drift',
        after: 1,
        times: 10,
        drift: { set: { [h.facts.email]: { token: h.heldSecret() } } },
      }),
  },
  {
    name: 'a redirect to another origin carrying the credential',
    type: ServerError,
    arrange: (h) =>
      h.fault({
        kind: 'redirect',
        after: 1,
        times: 10,
        location: `${h.trap.origin}/steal?token=${encodeURIComponent(h.heldSecret())}`,
      }),
  },
];

const PIECES = ['prefix', 'suffix', 'middle', 'base64'] as const;

/** The piece of `secret` the sandbox's `secret-echo` fault repeats (12 characters). */
function echoed(secret: string, piece: (typeof PIECES)[number]): string {
  const n = 12;
  if (piece === 'prefix') return secret.slice(0, n);
  if (piece === 'suffix') return secret.slice(-n);
  if (piece === 'base64') return Buffer.from(secret).toString('base64').slice(0, 16);
  const at = (secret.length - n) >> 1;
  return secret.slice(at, at + n);
}

/** Secret canaries: no piece of a secret in any error surface, event, `toJSON` or `util.inspect`. */
export function secretCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  const midPagination = MID_PAGINATION.map(
    (c): ConformanceCase => ({
      name: `secret canary: ${c.name} mid-listing → ${c.type.name}, nothing leaks`,
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const ac = new AbortController();
          const connector = h.connect({
            retry: { limit: 1, random: () => 0.5 },
            timeout: { perAttemptMs: 5_000 },
          });
          // One call first, so the case knows which secret the connector holds and sends.
          await h.run(connector.verify());
          const start = h.driver.sent.length;
          c.arrange(h as unknown as Harness, ac);
          const { error } = await h.list(connector, { signal: ac.signal });
          assertError(error, c.type, c.name);
          const users = h.driver.sent.slice(start).filter((r) => h.isUsers(r.url.pathname));
          assert.ok(users.length >= 2, 'the failure came after the first users page');
          assert.equal(users[0]?.response?.status, 200, 'the first users page was served');
          if (c.echoes) {
            const secrets = h.secrets();
            assert.ok(
              users.some((r) => secrets.some((s) => r.response?.errorText?.includes(s))),
              'the sandbox really echoed the credential',
            );
          }
          h.assertClean(connector, error);
          // The trap records what reaches it, so its emptiness above means something.
          await fetch(`${h.trap.origin}/probe`);
          assert.equal(h.trap.requests.length, 1, 'the foreign-origin trap records requests');
        }),
    }),
  );
  const partial = PIECES.map(
    (piece): ConformanceCase => ({
      name: `secret canary: a 401 echoing a 12-character ${piece} of the credential → AuthenticationError, nothing leaks`,
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect();
          h.fault({ kind: 'secret-echo', after: 1, times: 10, echo: { piece, length: 12 } });
          const { error } = await h.list(connector);
          assertError(error, AuthenticationError, `a 401 echoing the ${piece}`);
          const answer = h.driver.sent.find((r) => r.response?.status === 401);
          // Whatever the scheme (Bearer, Basic, SSWS...), the credential itself.
          const carried = answer ? credentialIn(answer.headers, h.facts.auth) : '';
          assert.ok(
            carried.length >= 12 && answer?.response?.errorText?.includes(echoed(carried, piece)),
            'the 401 really echoed a piece of the credential',
          );
          h.assertClean(connector, error);
        }),
    }),
  );
  return [
    ...partial,
    ...midPagination,
    {
      name: 'secret canary: a whole sync leaves no piece of a secret in events, toJSON or util.inspect',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect();
          await h.run(connector.verify());
          const { accounts, error } = await h.list(connector);
          assert.equal(error, undefined, `the sync failed: ${String(error)}`);
          h.assertComplete(accounts);
          assert.ok(h.events.length > 0, 'the connector sent events');
          h.assertClean(connector);
        }),
    },
  ];
}
