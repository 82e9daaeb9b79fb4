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

export function connectorsOf(t: Tenant) {
  return [
    createHexnodeConnector({
      apiKey: t.hexnode.credentials.apiKey,
      portal: t.hexnode.credentials.portal,
      baseUrl: t.hexnode.credentials.baseUrl,
      name: 'hexnode',
      // Every test reads the graph several times: lift Hexnode's 30/min and daily quota.
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
    }),
  ] as const;
}
