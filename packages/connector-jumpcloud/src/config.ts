import { ConfigError } from '@org/connector-core';
import { credentialDigest } from '@org/connector-core/kit';

/** JumpCloud hosting region: United States (default), Europe or India. */
export type JumpCloudRegion = 'us' | 'eu' | 'in';

/** OAuth 2.0 client-credentials pair of a JumpCloud service account. */
export interface JumpCloudServiceAccount {
  /** The service account's client id (Settings › Service Accounts). */
  clientId: string;
  /** The service account's client secret, shown once when it is created. */
  clientSecret: string;
}

/** What a host app passes to `createJumpCloudConnector`. Give exactly one of `apiKey` or `serviceAccount`. */
export interface JumpCloudConfig {
  /** An administrator's API key (console › avatar › My API Key). Sent as `x-api-key`. */
  apiKey?: string | undefined;
  /** A service account's OAuth client credentials, instead of `apiKey`. */
  serviceAccount?: JumpCloudServiceAccount | undefined;
  /**
   * Organization ID (console › Settings › Organization Profile). Required for a multi-tenant
   * (MSP) administrator, optional otherwise. Sent as `x-org-id` where JumpCloud allows it.
   */
  orgId?: string | undefined;
  /** Hosting region; picks the console, Directory Insights and token hosts. Default `us`. */
  region?: JumpCloudRegion | undefined;
  /**
   * Name of this connection in the host app. Default `jumpcloud:<orgId>`, or without `orgId`
   * `jumpcloud:<short digest of the credential>`: unique per tenant.
   */
  name?: string | undefined;
  /** Overrides the console origin (`https://console.jumpcloud.com`), e.g. for a proxy or the sandbox. */
  baseUrl?: string | undefined;
  /** Overrides the Directory Insights base (`https://api.jumpcloud.com/insights/directory/v1`). */
  insightsBaseUrl?: string | undefined;
  /** Overrides the service-account token URL (`https://admin-oauth.id.jumpcloud.com/oauth2/token`). */
  tokenUrl?: string | undefined;
}

/** Credentials after normalisation. */
export type ResolvedCredentials =
  | {
      /** An administrator's API key. */
      kind: 'apiKey';
      /** The key, trimmed. */
      apiKey: string;
    }
  | {
      /** A service account (OAuth client credentials). */
      kind: 'serviceAccount';
      /** Client id, trimmed. */
      clientId: string;
      /** Client secret, trimmed. */
      clientSecret: string;
      /** Token endpoint for the region, or the override. */
      tokenUrl: string;
    };

/** A validated, normalised {@link JumpCloudConfig}. */
export interface ResolvedJumpCloudConfig {
  /** How requests are authenticated. */
  credentials: ResolvedCredentials;
  /** Organization ID, never empty. */
  orgId: string | undefined;
  /** Hosting region. */
  region: JumpCloudRegion;
  /** Connection name. */
  name: string;
  /** Console origin with a trailing slash; v1 is under `api/`, v2 under `api/v2/`. */
  consoleBaseUrl: string;
  /** Directory Insights base with a trailing slash; events are at `events`. */
  insightsBaseUrl: string;
}

/** The hosts JumpCloud documents per region. India publishes no service-account token URL. */
export const REGION_HOSTS: Readonly<
  Record<
    JumpCloudRegion,
    {
      /** Console origin (v1 under `api/`, v2 under `api/v2/`). */
      console: string;
      /** Directory Insights base. */
      insights: string;
      /** Service-account token URL, when JumpCloud publishes one. */
      tokenUrl: string | undefined;
    }
  >
> = {
  us: {
    console: 'https://console.jumpcloud.com/',
    insights: 'https://api.jumpcloud.com/insights/directory/v1/',
    tokenUrl: 'https://admin-oauth.id.jumpcloud.com/oauth2/token',
  },
  eu: {
    console: 'https://console.eu.jumpcloud.com/',
    insights: 'https://api.eu.jumpcloud.com/insights/directory/v1/',
    tokenUrl: 'https://admin-oauth.id.eu.jumpcloud.com/oauth2/token',
  },
  in: {
    console: 'https://console.in.jumpcloud.com/',
    insights: 'https://api.in.jumpcloud.com/insights/directory/v1/',
    tokenUrl: undefined,
  },
};

const REGIONS = Object.keys(REGION_HOSTS) as JumpCloudRegion[];
// JumpCloud ids are 24-hex ObjectIds; accept any header-safe token so proxies and tests can use theirs.
const ORG_ID = /^[A-Za-z0-9_-]{1,128}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Validates and normalises a connector config. Throws `ConfigError` for anything an admin
 * must fix; messages name the field, never a secret's value.
 *
 * @param config - The config as the host app received it.
 * @returns The normalised config.
 */
export function resolveConfig(config: JumpCloudConfig): ResolvedJumpCloudConfig {
  if (typeof config !== 'object' || config === null) {
    throw new ConfigError('JumpCloud config must be an object', { vendor: 'jumpcloud' });
  }
  const region = config.region ?? 'us';
  if (!REGIONS.includes(region)) {
    throw configError(`region must be one of ${REGIONS.join(', ')}`);
  }
  const regionHosts = REGION_HOSTS[region];
  // `baseUrl` alone moves every host (console, Directory Insights, token endpoint): a proxy or the
  // sandbox then gets every request, and the credential never reaches the vendor's own hosts.
  const moved =
    config.baseUrl !== undefined ? consoleBase(url(config.baseUrl, 'baseUrl', true)) : undefined;
  const hosts =
    moved === undefined
      ? regionHosts
      : {
          console: moved,
          insights: new URL('insights/directory/v1/', moved).href,
          tokenUrl: new URL('oauth2/token', moved).href,
        };

  const hasKey = config.apiKey !== undefined;
  const hasAccount = config.serviceAccount !== undefined;
  if (hasKey === hasAccount) {
    throw configError('give exactly one of apiKey or serviceAccount');
  }
  let credentials: ResolvedCredentials;
  if (hasKey) {
    credentials = { kind: 'apiKey', apiKey: secret(config.apiKey, 'apiKey') };
  } else {
    const account = config.serviceAccount;
    if (typeof account !== 'object' || account === null) {
      throw configError('serviceAccount must be { clientId, clientSecret }');
    }
    const tokenUrl =
      config.tokenUrl !== undefined ? url(config.tokenUrl, 'tokenUrl', false) : hosts.tokenUrl;
    if (tokenUrl === undefined) {
      throw configError(
        `JumpCloud publishes no service-account token URL for region "${region}"; set tokenUrl`,
      );
    }
    credentials = {
      kind: 'serviceAccount',
      clientId: secret(account.clientId, 'serviceAccount.clientId'),
      clientSecret: secret(account.clientSecret, 'serviceAccount.clientSecret'),
      tokenUrl,
    };
  }

  let orgId: string | undefined;
  if (config.orgId !== undefined) {
    if (typeof config.orgId !== 'string') throw configError('orgId must be a string');
    orgId = config.orgId.trim();
    if (orgId === '') {
      throw configError('orgId is empty; leave it out or paste the Organization ID');
    }
    if (!ORG_ID.test(orgId)) {
      throw configError('orgId must be the Organization ID (letters and digits only)');
    }
  }

  // Unique per tenant: the organization, or without one a short non-reversible digest of the
  // credential (two unnamed connections to different orgs never share a snapshot).
  let name = `jumpcloud:${orgId ?? credentialDigest(credentialText(credentials))}`;
  if (config.name !== undefined) {
    if (typeof config.name !== 'string' || config.name.trim() === '') {
      throw configError('name must be a non-empty string');
    }
    name = config.name.trim();
  }

  return {
    credentials,
    orgId,
    region,
    name,
    consoleBaseUrl: hosts.console,
    insightsBaseUrl:
      config.insightsBaseUrl !== undefined
        ? url(config.insightsBaseUrl, 'insightsBaseUrl', true)
        : hosts.insights,
  };
}

/** What tells one credential from another, for the identity digest (never shown). */
export function credentialText(credentials: ResolvedCredentials): string {
  return credentials.kind === 'apiKey' ? credentials.apiKey : credentials.clientId;
}

function configError(message: string): ConfigError {
  return new ConfigError(`JumpCloud config: ${message}`, { vendor: 'jumpcloud' });
}

function secret(value: unknown, field: string): string {
  if (typeof value !== 'string') throw configError(`${field} must be a string`);
  const trimmed = value.trim();
  if (trimmed === '') throw configError(`${field} is empty`);
  if (/\s/.test(trimmed)) throw configError(`${field} contains whitespace; paste it again`);
  return trimmed;
}

/** Parses an absolute https URL (http only on loopback) and returns it, with a trailing slash when asked. */
function url(value: unknown, field: string, trailingSlash: boolean): string {
  if (typeof value !== 'string' || value.trim() === '') throw configError(`${field} must be a URL`);
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw configError(`${field} is not a valid URL`);
  }
  const loopback = LOOPBACK.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw configError(`${field} must use https (http is allowed on loopback only)`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw configError(`${field} must not contain credentials`);
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw configError(`${field} must not have a query or fragment`);
  }
  if (trailingSlash && !parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.toString();
}

/** Admins paste the API URL (`.../api` or `.../api/v2`); the connector wants the origin above it. */
function consoleBase(base: string): string {
  return base.replace(/api\/(v2\/)?$/, '');
}
