// A `vendor: okta` entry of a connections file → createOktaConnector options.
import { createOktaConnector } from '@org/connector-okta';
import * as v from 'valibot';
import { connectionName, optionalInteger, optionalText, text } from './fields.js';
import type { VendorMapping } from './mapping.js';

const OktaSettings = v.strictObject({
  name: connectionName(),
  vendor: v.literal('okta'),
  /** https://<org>.okta.com (or .oktapreview.com, .okta-emea.com): Admin Console, top right. */
  orgUrl: optionalText(),
  /** The https URL of a custom domain the org serves the API on. */
  customDomain: optionalText(),
  /** Security › API › Tokens; or `serviceApp`. */
  apiToken: optionalText(),
  serviceApp: v.optional(
    v.strictObject(
      {
        clientId: text(),
        privateKey: text(),
        keyId: optionalText(),
        scopes: v.optional(v.array(text(), 'must be a list of scopes')),
      },
      'must be { clientId, privateKey, keyId?, scopes? }',
    ),
  ),
  baseUrl: optionalText(),
  pageSize: optionalInteger(1),
});

/** Okta connections. */
export const okta: VendorMapping<v.InferOutput<typeof OktaSettings>, 'okta'> = {
  vendor: 'okta',
  label: 'Okta',
  secrets: ['apiToken', 'serviceApp.privateKey'],
  settings: OktaSettings,
  connect: (s, extras) =>
    createOktaConnector({
      name: s.name,
      onEvent: extras.onEvent,
      fetch: extras.fetch,
      orgUrl: s.orgUrl,
      customDomain: s.customDomain,
      apiToken: s.apiToken,
      serviceApp: s.serviceApp,
      baseUrl: s.baseUrl,
      pageSize: s.pageSize,
    }),
  sandbox: {
    size: { users: 42, groups: 4 },
    entry: (c) => ({ apiToken: c.apiToken, baseUrl: c.baseUrl }),
  },
};
