// The three local sandboxes behind `--sandbox` and `connector-kit sandbox`: one company's people in
// Hexnode, Kandji and JumpCloud (same seed and email domain, so user i has one email everywhere),
// each sized a little differently so the device tools know a few people the directory does not.
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import type { LoadedConnection } from '../connections/load.js';

/** The running sandboxes, by vendor. */
export interface Sandboxes {
  /** Hexnode on 127.0.0.1. */
  hexnode: Sandbox<'hexnode'>;
  /** Kandji on 127.0.0.1. */
  kandji: Sandbox<'kandji'>;
  /** JumpCloud on 127.0.0.1. */
  jumpcloud: Sandbox<'jumpcloud'>;
  /** Stops all three. */
  close(): Promise<void>;
}

/** Email domain of the sandboxes' people. */
export const SANDBOX_EMAIL_DOMAIN = 'acme.example';

/** Starts the three sandboxes on loopback; `seed` picks their data. */
export async function startSandboxes(seed: number): Promise<Sandboxes> {
  const common = { seed, emailDomain: SANDBOX_EMAIL_DOMAIN };
  const started: Array<Sandbox<'hexnode'> | Sandbox<'kandji'> | Sandbox<'jumpcloud'>> = [];
  try {
    const hexnode = await startSandbox({
      vendor: 'hexnode',
      ...common,
      size: { users: 41, groups: 4, devices: 30 },
    });
    started.push(hexnode);
    const kandji = await startSandbox({
      vendor: 'kandji',
      ...common,
      size: { users: 45, devices: 35 },
    });
    started.push(kandji);
    const jumpcloud = await startSandbox({
      vendor: 'jumpcloud',
      ...common,
      size: { users: 40, groups: 5, devices: 12, policies: 3, apps: 4, admins: 2, events: 200 },
    });
    started.push(jumpcloud);
    return {
      hexnode,
      kandji,
      jumpcloud,
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}

/** The sandboxes as connections, with the fields a connections file would give them. */
export function sandboxConnections(s: Sandboxes): LoadedConnection[] {
  const { hexnode, kandji, jumpcloud } = s;
  return [
    {
      name: 'hexnode-sandbox',
      vendor: 'hexnode',
      settings: {
        name: 'hexnode-sandbox',
        vendor: 'hexnode',
        portal: hexnode.credentials.portal,
        apiKey: hexnode.credentials.apiKey,
        baseUrl: hexnode.credentials.baseUrl,
      },
    },
    {
      name: 'kandji-sandbox',
      vendor: 'kandji',
      settings: {
        name: 'kandji-sandbox',
        vendor: 'kandji',
        apiToken: kandji.credentials.apiToken,
        baseUrl: kandji.credentials.baseUrl,
      },
    },
    {
      name: 'jumpcloud-sandbox',
      vendor: 'jumpcloud',
      settings: {
        name: 'jumpcloud-sandbox',
        vendor: 'jumpcloud',
        apiKey: jumpcloud.credentials.apiKey,
        orgId: jumpcloud.credentials.orgId,
        baseUrl: jumpcloud.credentials.baseUrl,
        insightsBaseUrl: jumpcloud.credentials.insightsBaseUrl,
        tokenUrl: jumpcloud.credentials.tokenUrl,
      },
    },
  ];
}
