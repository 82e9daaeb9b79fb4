// Three small sandboxes of one company (same seed and email domain: user i is the same person in
// every vendor) and a connector for each.
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { type Sandboxes, startSandboxes } from '@org/connector-sandbox/testing';

export type Tenant = Sandboxes;

export const DOMAIN = 'acme.example';

export function startTenant(seed = 11): Promise<Tenant> {
  return startSandboxes({
    seed,
    emailDomain: DOMAIN,
    size: {
      hexnode: { users: 5, groups: 2, devices: 4 },
      kandji: { users: 4, devices: 3 },
      jumpcloud: { users: 6, groups: 2, devices: 2, policies: 1, apps: 1, admins: 1 },
    },
  });
}

/** The credentials a tenant's connectors use: each sandbox's default unless given. */
export interface TenantCredentials {
  hexnode?: Tenant['hexnode']['credentials'] | undefined;
  kandji?: Tenant['kandji']['credentials'] | undefined;
  jumpcloud?: Tenant['jumpcloud']['credentials'] | undefined;
}

export function connectorsOf(t: Tenant, credentials: TenantCredentials = {}) {
  const hexnode = credentials.hexnode ?? t.hexnode.credentials;
  const kandji = credentials.kandji ?? t.kandji.credentials;
  const jumpcloud = credentials.jumpcloud ?? t.jumpcloud.credentials;
  return [
    createHexnodeConnector({
      apiKey: hexnode.apiKey,
      portal: hexnode.portal,
      baseUrl: hexnode.baseUrl,
      name: 'hexnode',
      // Every test reads the graph several times: lift Hexnode's 30/min and daily quota.
      limits: { perMinute: { limit: 10_000 }, perDay: { limit: 1_000_000 } },
    }),
    createKandjiConnector({
      apiToken: kandji.apiToken,
      baseUrl: kandji.baseUrl,
      name: 'kandji',
    }),
    createJumpCloudConnector({
      apiKey: jumpcloud.apiKey,
      orgId: jumpcloud.orgId,
      baseUrl: jumpcloud.baseUrl,
      name: 'jumpcloud',
    }),
  ] as const;
}
