// The three sandboxes of one small company on loopback, and connectors that report their calls
// to a request log.
import type { EventHandler } from '@org/connector-core';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { type Sandboxes, startSandboxes } from '@org/connector-sandbox/testing';
import type { RequestLog } from '../src/index.js';

/** Three sandboxes; `secrets` holds every credential, none of which may reach the bundle. */
export type Tenant = Sandboxes;

export function startTenant(seed = 11): Promise<Tenant> {
  return startSandboxes({
    seed,
    emailDomain: 'acme.example',
    size: {
      hexnode: { users: 5, groups: 2, devices: 4 },
      kandji: { users: 4, devices: 3 },
      jumpcloud: { users: 6, groups: 2, devices: 3, policies: 2, apps: 1, admins: 1 },
    },
  });
}

export function connectorsOf(t: Tenant, log?: RequestLog) {
  const on = (name: string): { onEvent?: EventHandler } =>
    log ? { onEvent: log.handler(name) } : {};
  return [
    createHexnodeConnector({
      apiKey: t.hexnode.credentials.apiKey,
      portal: t.hexnode.credentials.portal,
      baseUrl: t.hexnode.credentials.baseUrl,
      name: 'hexnode',
      limits: { perMinute: { limit: 10_000 }, perDay: { limit: 1_000_000 } },
      ...on('hexnode'),
    }),
    createKandjiConnector({
      apiToken: t.kandji.credentials.apiToken,
      baseUrl: t.kandji.credentials.baseUrl,
      name: 'kandji',
      ...on('kandji'),
    }),
    createJumpCloudConnector({
      apiKey: t.jumpcloud.credentials.apiKey,
      orgId: t.jumpcloud.credentials.orgId,
      baseUrl: t.jumpcloud.credentials.baseUrl,
      name: 'jumpcloud',
      ...on('jumpcloud'),
    }),
  ];
}
