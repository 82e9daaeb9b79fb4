// A `vendor: jumpcloud` entry of a connections file → createJumpCloudConnector options.
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import * as v from 'valibot';
import { connectionName, optionalInteger, optionalText, text } from './fields.js';
import type { VendorMapping } from './mapping.js';

const JumpCloudSettings = v.strictObject({
  name: connectionName(),
  vendor: v.literal('jumpcloud'),
  /** An administrator's API key; or `serviceAccount`. */
  apiKey: optionalText(),
  serviceAccount: v.optional(
    v.strictObject(
      { clientId: text(), clientSecret: text() },
      'must be { clientId, clientSecret }',
    ),
  ),
  /** Required for a multi-tenant (MSP) administrator. */
  orgId: optionalText(),
  region: v.optional(v.picklist(['us', 'eu', 'in'], 'must be us, eu or in')),
  baseUrl: optionalText(),
  insightsBaseUrl: optionalText(),
  tokenUrl: optionalText(),
  pageSize: optionalInteger(2),
});

/** JumpCloud connections. */
export const jumpcloud: VendorMapping<v.InferOutput<typeof JumpCloudSettings>, 'jumpcloud'> = {
  vendor: 'jumpcloud',
  label: 'JumpCloud',
  secrets: ['apiKey', 'serviceAccount.clientSecret'],
  settings: JumpCloudSettings,
  connect: (s, extras) =>
    createJumpCloudConnector({
      name: s.name,
      onEvent: extras.onEvent,
      fetch: extras.fetch,
      apiKey: s.apiKey,
      serviceAccount: s.serviceAccount,
      orgId: s.orgId,
      region: s.region,
      baseUrl: s.baseUrl,
      insightsBaseUrl: s.insightsBaseUrl,
      tokenUrl: s.tokenUrl,
      pageSize: s.pageSize,
      ...(extras.lastLoginDays
        ? { accounts: { lastLogin: { lookbackDays: extras.lastLoginDays } } }
        : {}),
    }),
  sandbox: {
    size: { users: 40, groups: 5, devices: 12, policies: 3, apps: 4, admins: 2, events: 200 },
    entry: (c) => ({
      apiKey: c.apiKey,
      orgId: c.orgId,
      baseUrl: c.baseUrl,
      insightsBaseUrl: c.insightsBaseUrl,
      tokenUrl: c.tokenUrl,
    }),
  },
};
