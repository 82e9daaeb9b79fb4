// A `vendor: kandji` entry of a connections file → createKandjiConnector options.
import { createKandjiConnector } from '@org/connector-kandji';
import * as v from 'valibot';
import { connectionName, optionalText, text } from './fields.js';
import type { VendorMapping } from './mapping.js';

const KandjiSettings = v.strictObject({
  name: connectionName(),
  vendor: v.literal('kandji'),
  /** Settings › Access › API Token. */
  apiToken: text(),
  /** Settings › Access: https://acme.api.kandji.io (US) or https://acme.api.eu.kandji.io (EU). */
  apiUrl: optionalText(),
  baseUrl: optionalText(),
});

/** Kandji connections. */
export const kandji: VendorMapping<v.InferOutput<typeof KandjiSettings>, 'kandji'> = {
  vendor: 'kandji',
  label: 'Kandji',
  secrets: ['apiToken'],
  settings: KandjiSettings,
  connect: (s, extras) =>
    createKandjiConnector({
      name: s.name,
      onEvent: extras.onEvent,
      fetch: extras.fetch,
      apiToken: s.apiToken,
      apiUrl: s.apiUrl,
      baseUrl: s.baseUrl,
    }),
  sandbox: {
    size: { users: 45, devices: 35 },
    entry: (c) => ({ apiToken: c.apiToken, baseUrl: c.baseUrl }),
  },
};
