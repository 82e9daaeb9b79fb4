import assert from 'node:assert/strict';
import { AuthenticationError, PermissionError } from '@org/connector-core';
import type { Vendor } from '../../options.js';
import type { CredentialsByVendor } from '../../sandbox.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { assertError, type Harness, withHarness } from './harness.js';
import { factsOf } from './vendors.js';

const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Requests a call sent, run on the harness's clock. */
async function counted<T>(
  h: Harness,
  p: () => Promise<T>,
): Promise<{ value: T; requests: number }> {
  const before = h.driver.sent.length;
  const value = await h.run(p());
  return { value, requests: h.driver.sent.length - before };
}

/** A revoked key and a key without the users permission: typed errors the host can act on. */
export function credentialCases<V extends Vendor>(
  adapter: ConformanceAdapter<V>,
): ConformanceCase[] {
  const facts = factsOf(adapter.vendor);
  const secretsOf = (c: CredentialsByVendor[V]) => (adapter.secrets ?? facts.secrets)(c);
  return [
    {
      name: 'revoked credential: 401 → AuthenticationError with userAction "reconnect", not retried, from verify() and accounts()',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const credentials = h.sandbox.control.addCredential() as CredentialsByVendor[V];
          const connector = h.connect({ credentials });
          await h.run(connector.verify());
          for (const s of secretsOf(credentials)) h.sandbox.control.revokeCredential(s);
          const { value: error, requests } = await counted(h, () => caught(connector.verify()));
          assertError(error, AuthenticationError, 'verify() with a revoked credential');
          assert.equal((error as AuthenticationError).userAction, 'reconnect');
          assert.equal((error as AuthenticationError).vendor, adapter.vendor);
          assert.ok(requests <= 3, `verify() sent ${requests} requests: a revoked key was retried`);
          const listed = await h.list(connector);
          assertError(listed.error, AuthenticationError, 'accounts() with a revoked credential');
          assert.equal(listed.accounts.length, 0, 'accounts were listed with a revoked credential');
          h.assertClean(connector, error);
          h.assertClean(connector, listed.error);
        }),
    },
    {
      name: 'missing permission: 403 → PermissionError with userAction "grant_permission", from verify() and accounts()',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const credentials = h.sandbox.control.addCredential({
            permissions: facts.withoutUsers,
          }) as CredentialsByVendor[V];
          const connector = h.connect({ credentials });
          const error = await h.run(caught(connector.verify()));
          assertError(error, PermissionError, 'verify() without the users permission');
          assert.equal((error as PermissionError).userAction, 'grant_permission');
          assert.equal((error as PermissionError).vendor, adapter.vendor);
          const listed = await h.list(connector);
          assertError(listed.error, PermissionError, 'accounts() without the users permission');
          h.assertClean(connector, error);
          h.assertClean(connector, listed.error);
        }),
    },
  ];
}
