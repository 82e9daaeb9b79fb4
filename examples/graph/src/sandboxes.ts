// Three sandboxes of one company: the same seed and email domain, so user i is the same person
// (same email) in Hexnode, Kandji and JumpCloud; each sized a little differently, so the device
// tools hold a few people the directory does not.
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';

export interface Sandboxes {
  hexnode: Sandbox<'hexnode'>;
  kandji: Sandbox<'kandji'>;
  jumpcloud: Sandbox<'jumpcloud'>;
}

export const EMAIL_DOMAIN = 'acme.example';

export async function startSandboxes(seed: number): Promise<Sandboxes> {
  const common = { seed, emailDomain: EMAIL_DOMAIN };
  const started: Partial<Sandboxes> = {};
  try {
    started.hexnode = await startSandbox({
      vendor: 'hexnode',
      ...common,
      size: { users: 41, groups: 4, devices: 30 },
    });
    started.kandji = await startSandbox({
      vendor: 'kandji',
      ...common,
      size: { users: 45, devices: 35 },
    });
    started.jumpcloud = await startSandbox({
      vendor: 'jumpcloud',
      ...common,
      size: { users: 40, groups: 5, devices: 12, policies: 3, apps: 4, admins: 2 },
    });
    return started as Sandboxes;
  } catch (error) {
    await Promise.all(Object.values(started).map((s) => s.close()));
    throw error;
  }
}

export async function closeSandboxes(s: Sandboxes): Promise<void> {
  await Promise.all([s.hexnode.close(), s.kandji.close(), s.jumpcloud.close()]);
}

/** One connector per sandbox, made the way a host app makes them. */
export function connect(s: Sandboxes) {
  return [
    createHexnodeConnector({
      apiKey: s.hexnode.credentials.apiKey,
      portal: s.hexnode.credentials.portal,
      baseUrl: s.hexnode.credentials.baseUrl,
      name: 'hexnode',
    }),
    createKandjiConnector({
      apiToken: s.kandji.credentials.apiToken,
      baseUrl: s.kandji.credentials.baseUrl,
      name: 'kandji',
    }),
    createJumpCloudConnector({
      apiKey: s.jumpcloud.credentials.apiKey,
      orgId: s.jumpcloud.credentials.orgId,
      baseUrl: s.jumpcloud.credentials.baseUrl,
      name: 'jumpcloud',
    }),
  ];
}
