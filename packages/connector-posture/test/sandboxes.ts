// A sandbox of every vendor for one company in a posture scenario (same seed and email domain: user i is the
// same person in every vendor), on a fixed epoch so ages are exact, and a connector for each.
import { type Clock, systemClock } from '@org/connector-core';
import {
  collect,
  createHexnodeAdapter,
  createKandjiAdapter,
  type GraphSnapshot,
} from '@org/connector-graph';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { createOktaConnector } from '@org/connector-okta';
import type { SandboxScenario } from '@org/connector-sandbox';
import { type Sandboxes, startSandboxes } from '@org/connector-sandbox/testing';

/** The scenario tenants' reference time: data ages are measured from it. */
export const EPOCH = Date.UTC(2026, 5, 1, 12);

/**
 * The time the tenant lives in: the system clock moved back to the epoch, so a connector's own
 * windows (Directory Insights' last N days) fall where the sandbox's data is.
 */
const shift = Date.now() - EPOCH;
const tenantClock: Clock = { ...systemClock, now: () => Date.now() - shift };

export type Tenant = Sandboxes;

export function startTenant(scenario: SandboxScenario, seed = 7): Promise<Tenant> {
  return startSandboxes({ seed, emailDomain: 'acme.example', epochMs: EPOCH, scenario });
}

export function connectorsOf(t: Tenant) {
  return [
    createHexnodeConnector({
      apiKey: t.hexnode.credentials.apiKey,
      portal: t.hexnode.credentials.portal,
      baseUrl: t.hexnode.credentials.baseUrl,
      name: 'hexnode',
      limits: { perMinute: { limit: 10_000 }, perDay: { limit: 1_000_000 } },
    }),
    createKandjiConnector({
      apiToken: t.kandji.credentials.apiToken,
      baseUrl: t.kandji.credentials.baseUrl,
      name: 'kandji',
    }),
    createJumpCloudConnector({
      apiKey: t.jumpcloud.credentials.apiKey,
      orgId: t.jumpcloud.credentials.orgId,
      baseUrl: t.jumpcloud.credentials.baseUrl,
      name: 'jumpcloud',
      // Sign-ins from Directory Insights: what jumpcloud.user.no_recent_login judges.
      accounts: { lastLogin: { lookbackDays: 90 } },
      clock: tenantClock,
    }),
    createOktaConnector({ ...t.okta.credentials, name: 'okta' }),
  ] as const;
}

/**
 * The adapters that read everything the checks can use, per-device details included (a scenario
 * tenant has six devices per vendor).
 */
export const ADAPTERS = {
  kandji: createKandjiAdapter({ deviceDetails: { maxDevices: 10 } }),
  hexnode: createHexnodeAdapter({ deviceDetails: { maxDevices: 10 } }),
};

/** The graph of a tenant, stamped with the epoch. */
export function collectTenant(t: Tenant): Promise<GraphSnapshot> {
  return collect(connectorsOf(t), { now: () => EPOCH, adapters: ADAPTERS });
}
