// Picks the connection to poll: real credentials from the environment, else a local sandbox whose
// users change between runs so that there is something to report.
import type { ChangeSet, Connector } from '@org/connector-core';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';

/** A connection ready to poll, and how to clean up after it. */
export interface Connection {
  connector: Connector;
  /** Default polling interval for this connection. */
  intervalMs: number;
  /** True for the local sandbox, whose state is thrown away on exit. */
  demo: boolean;
  /** Called after each completed run (the sandbox changes a few users). */
  afterRun(set: ChangeSet): void;
  close(): Promise<void>;
}

const MINUTE = 60_000;

/** Real credentials win, in this order: Kandji, JumpCloud, Hexnode. None: a Kandji sandbox. */
export async function openConnection(env: NodeJS.ProcessEnv): Promise<Connection> {
  const real = (connector: Connector, intervalMs: number): Connection => ({
    connector,
    intervalMs,
    demo: false,
    afterRun: () => undefined,
    close: async () => undefined,
  });
  if (env.KANDJI_API_TOKEN) {
    return real(
      createKandjiConnector({ apiToken: env.KANDJI_API_TOKEN, apiUrl: env.KANDJI_API_URL }),
      15 * MINUTE,
    );
  }
  if (env.JUMPCLOUD_API_KEY) {
    return real(
      createJumpCloudConnector({ apiKey: env.JUMPCLOUD_API_KEY, orgId: env.JUMPCLOUD_ORG_ID }),
      15 * MINUTE,
    );
  }
  if (env.HEXNODE_API_KEY) {
    // Hexnode's daily quota is tight: the poller refuses an interval the portal cannot afford.
    return real(
      createHexnodeConnector({ apiKey: env.HEXNODE_API_KEY, portal: env.HEXNODE_PORTAL ?? '' }),
      6 * 60 * MINUTE,
    );
  }
  return openSandbox();
}

async function openSandbox(): Promise<Connection> {
  const sandbox: Sandbox<'kandji'> = await startSandbox({ vendor: 'kandji', size: { users: 40 } });
  const connector = createKandjiConnector({
    apiToken: sandbox.credentials.apiToken,
    baseUrl: sandbox.credentials.baseUrl,
    name: 'kandji-sandbox',
  });
  let added: string[] = [];
  let step = 0;
  return {
    connector,
    intervalMs: 5_000,
    demo: true,
    // Between runs: add three users; then change one's email and remove another; repeat.
    afterRun() {
      if (step++ % 2 === 0) {
        added = sandbox.control.addUsers(3).map((u) => String(u.id));
      } else {
        const [first, second] = added;
        if (first) sandbox.control.updateUser(first, { email: `renamed.${step}@example.com` });
        if (second) sandbox.control.removeUsers([second]);
      }
    },
    close: () => sandbox.close(),
  };
}
