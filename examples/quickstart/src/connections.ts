// One connection per vendor: real credentials from the environment when they are set, otherwise
// the vendor's sandbox. Each connector reports its page events to the progress display.
import { ConfigError, type Connector, type ConnectorEvent } from '@org/connector-core';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import type { DemoSandboxes } from './sandboxes.ts';
import { VENDORS, type Vendor } from './vendors.ts';

/** A connector and where its credentials came from. */
export interface Connection {
  vendor: Vendor;
  /** `environment` for real credentials, `sandbox` for the embedded default. */
  source: 'environment' | 'sandbox';
  connector: Connector;
}

/** The environment variables holding each vendor's secret (never printed). */
const SECRET_VARIABLES = ['HEXNODE_API_KEY', 'KANDJI_API_TOKEN', 'JUMPCLOUD_API_KEY'] as const;

/** The vendors whose credentials are in `env`; the others run on a sandbox. */
export function vendorsFromEnvironment(env: NodeJS.ProcessEnv): Set<Vendor> {
  const set = new Set<Vendor>();
  if (env.HEXNODE_API_KEY) set.add('hexnode');
  if (env.KANDJI_API_TOKEN) set.add('kandji');
  if (env.JUMPCLOUD_API_KEY) set.add('jumpcloud');
  return set;
}

/** Every secret the demo could hold: redacted from anything it prints. */
export function secretsOf(env: NodeJS.ProcessEnv, sandboxes: DemoSandboxes): string[] {
  const secrets: string[] = SECRET_VARIABLES.flatMap((name) => env[name]?.trim() || []);
  if (sandboxes.hexnode) secrets.push(sandboxes.hexnode.credentials.apiKey);
  if (sandboxes.kandji) secrets.push(sandboxes.kandji.credentials.apiToken);
  if (sandboxes.jumpcloud) {
    const c = sandboxes.jumpcloud.credentials;
    secrets.push(c.apiKey, c.oauthClient.clientSecret);
  }
  return secrets;
}

/** Names the variable to fix when a connector rejects its configuration. */
function fromEnvironment(vendor: Vendor, variables: string, create: () => Connector): Connector {
  try {
    return create();
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ConfigError(`${vendor}: check ${variables}: ${error.message}`, {
        vendor,
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Builds the three connections.
 *
 * @param env - Where real credentials are read from.
 * @param sandboxes - Sandboxes for the vendors without credentials.
 * @param onEvent - Receives every connector event (the demo counts pages from it).
 */
export function openConnections(
  env: NodeJS.ProcessEnv,
  sandboxes: DemoSandboxes,
  onEvent: (vendor: Vendor, event: ConnectorEvent) => void,
): Connection[] {
  return VENDORS.map((vendor): Connection => {
    const events = (e: ConnectorEvent) => onEvent(vendor, e);
    if (vendor === 'hexnode') {
      const sb = sandboxes.hexnode;
      return sb
        ? {
            vendor,
            source: 'sandbox',
            connector: createHexnodeConnector({
              apiKey: sb.credentials.apiKey,
              portal: sb.credentials.portal,
              baseUrl: sb.credentials.baseUrl,
              name: 'hexnode-sandbox',
              onEvent: events,
            }),
          }
        : {
            vendor,
            source: 'environment',
            connector: fromEnvironment(vendor, 'HEXNODE_API_KEY and HEXNODE_PORTAL', () =>
              createHexnodeConnector({
                apiKey: env.HEXNODE_API_KEY ?? '',
                portal: env.HEXNODE_PORTAL ?? '',
                onEvent: events,
              }),
            ),
          };
    }
    if (vendor === 'kandji') {
      const sb = sandboxes.kandji;
      return sb
        ? {
            vendor,
            source: 'sandbox',
            connector: createKandjiConnector({
              apiToken: sb.credentials.apiToken,
              baseUrl: sb.credentials.baseUrl,
              name: 'kandji-sandbox',
              onEvent: events,
            }),
          }
        : {
            vendor,
            source: 'environment',
            connector: fromEnvironment(vendor, 'KANDJI_API_TOKEN and KANDJI_API_URL', () =>
              createKandjiConnector({
                apiToken: env.KANDJI_API_TOKEN ?? '',
                apiUrl: env.KANDJI_API_URL,
                onEvent: events,
              }),
            ),
          };
    }
    const sb = sandboxes.jumpcloud;
    return sb
      ? {
          vendor,
          source: 'sandbox',
          connector: createJumpCloudConnector({
            apiKey: sb.credentials.apiKey,
            orgId: sb.credentials.orgId,
            baseUrl: sb.credentials.baseUrl,
            name: 'jumpcloud-sandbox',
            onEvent: events,
          }),
        }
      : {
          vendor,
          source: 'environment',
          connector: fromEnvironment(vendor, 'JUMPCLOUD_API_KEY and JUMPCLOUD_ORG_ID', () =>
            createJumpCloudConnector({
              apiKey: env.JUMPCLOUD_API_KEY ?? '',
              orgId: env.JUMPCLOUD_ORG_ID || undefined,
              onEvent: events,
            }),
          ),
        };
  });
}
