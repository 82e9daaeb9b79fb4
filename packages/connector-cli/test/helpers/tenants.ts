// Three sandboxes started by the test itself, and a connections file pointing at them whose
// secrets are environment references: the command is driven exactly as an admin would drive it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { stringify } from 'yaml';

export interface Tenants {
  hexnode: Sandbox<'hexnode'>;
  kandji: Sandbox<'kandji'>;
  jumpcloud: Sandbox<'jumpcloud'>;
  /** A temporary working directory holding `connections.yaml`. */
  dir: string;
  /** The variables the file reads, with the sandboxes' secrets. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Three sandboxes of one company. With `scenario`, the posture scenario's tenants (`clean`: every
 * setting a check reads compliant), at the scenario's own small size.
 */
export async function startTenants(
  seed = 3,
  scenario?: 'clean' | 'misconfigured',
): Promise<Tenants> {
  const common = { seed, emailDomain: 'acme.example', ...(scenario ? { scenario } : {}) };
  const sized = <T extends object>(size: T) => (scenario ? {} : { size });
  // The sandbox enforces Hexnode's 30 a minute, which several commands in one test pass in real
  // time; the connector's own limiter (which the poll tests rely on) still applies.
  const hexnode = await startSandbox({
    vendor: 'hexnode',
    ...common,
    ...sized({ users: 12, groups: 2, devices: 8 }),
    limits: false,
  });
  const kandji = await startSandbox({
    vendor: 'kandji',
    ...common,
    ...sized({ users: 14, devices: 9 }),
  });
  const jumpcloud = await startSandbox({
    vendor: 'jumpcloud',
    ...common,
    ...sized({ users: 10, groups: 2, devices: 4, policies: 2, apps: 2, admins: 1, events: 20 }),
  });
  const dir = await mkdtemp(join(tmpdir(), 'connector-cli-test-'));
  const env = await writeConnections(join(dir, 'connections.yaml'), { hexnode, kandji, jumpcloud });
  return {
    hexnode,
    kandji,
    jumpcloud,
    dir,
    env,
    close: async () => {
      await Promise.all([hexnode.close(), kandji.close(), jumpcloud.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes a connections file naming the three tenants (`hexnode-main`, `kandji-main`,
 * `jumpcloud-main`), their secrets as environment references; returns those variables.
 */
export async function writeConnections(
  path: string,
  t: { hexnode: Sandbox<'hexnode'>; kandji: Sandbox<'kandji'>; jumpcloud: Sandbox<'jumpcloud'> },
): Promise<Record<string, string>> {
  const { hexnode, kandji, jumpcloud } = t;
  const env = {
    HEXNODE_API_KEY: hexnode.credentials.apiKey,
    KANDJI_API_TOKEN: kandji.credentials.apiToken,
    JC_API_KEY: jumpcloud.credentials.apiKey,
    JC_ORG_ID: jumpcloud.credentials.orgId,
  };
  const file = {
    connections: [
      {
        name: 'hexnode-main',
        vendor: 'hexnode',
        portal: hexnode.credentials.portal,
        baseUrl: hexnode.credentials.baseUrl,
        apiKey: { env: 'HEXNODE_API_KEY' },
      },
      {
        name: 'kandji-main',
        vendor: 'kandji',
        baseUrl: kandji.credentials.baseUrl,
        apiToken: { env: 'KANDJI_API_TOKEN' },
      },
      {
        name: 'jumpcloud-main',
        vendor: 'jumpcloud',
        baseUrl: jumpcloud.credentials.baseUrl,
        apiKey: { env: 'JC_API_KEY' },
        orgId: { env: 'JC_ORG_ID' },
      },
    ],
  };
  await writeFile(path, stringify(file));
  return env;
}
