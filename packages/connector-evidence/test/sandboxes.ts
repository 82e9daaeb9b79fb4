// The three sandboxes of one small company on loopback, and connectors that report their calls
// to a request log.
import type { EventHandler } from '@org/connector-core';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import type { RequestLog } from '../src/index.js';

export interface Tenant {
  hexnode: Sandbox<'hexnode'>;
  kandji: Sandbox<'kandji'>;
  jumpcloud: Sandbox<'jumpcloud'>;
  /** Every credential the connectors hold: none may reach the bundle. */
  secrets: string[];
  close(): Promise<void>;
}

export async function startTenant(seed = 11): Promise<Tenant> {
  const common = { seed, emailDomain: 'acme.example', limits: false as const };
  const [hexnode, kandji, jumpcloud] = await Promise.all([
    startSandbox({ vendor: 'hexnode', ...common, size: { users: 5, groups: 2, devices: 4 } }),
    startSandbox({ vendor: 'kandji', ...common, size: { users: 4, devices: 3 } }),
    startSandbox({
      vendor: 'jumpcloud',
      ...common,
      size: { users: 6, groups: 2, devices: 3, policies: 2, apps: 1, admins: 1 },
    }),
  ]);
  return {
    hexnode,
    kandji,
    jumpcloud,
    secrets: [
      hexnode.credentials.apiKey,
      kandji.credentials.apiToken,
      jumpcloud.credentials.apiKey,
    ],
    close: async () => {
      await Promise.all([hexnode.close(), kandji.close(), jumpcloud.close()]);
    },
  };
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
