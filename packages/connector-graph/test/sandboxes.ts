// Three small sandboxes of one company (same seed and email domain: user i is the same person in
// every vendor) and a connector for each.
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';

export interface Tenant {
  hexnode: Sandbox<'hexnode'>;
  kandji: Sandbox<'kandji'>;
  jumpcloud: Sandbox<'jumpcloud'>;
  close(): Promise<void>;
}

export const DOMAIN = 'acme.example';

export async function startTenant(seed = 11): Promise<Tenant> {
  const common = { seed, emailDomain: DOMAIN, limits: false as const };
  const hexnode = await startSandbox({
    vendor: 'hexnode',
    ...common,
    size: { users: 5, groups: 2, devices: 4 },
  });
  const kandji = await startSandbox({
    vendor: 'kandji',
    ...common,
    size: { users: 4, devices: 3 },
  });
  const jumpcloud = await startSandbox({
    vendor: 'jumpcloud',
    ...common,
    size: { users: 6, groups: 2, devices: 2, policies: 1, apps: 1, admins: 1 },
  });
  return {
    hexnode,
    kandji,
    jumpcloud,
    close: async () => {
      await Promise.all([hexnode.close(), kandji.close(), jumpcloud.close()]);
    },
  };
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
