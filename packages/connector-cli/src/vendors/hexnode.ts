// A `vendor: hexnode` entry of a connections file → createHexnodeConnector options.
import { createHexnodeConnector } from '@org/connector-hexnode';
import * as v from 'valibot';
import { connectionName, optionalInteger, optionalText, text } from './fields.js';
import type { VendorMapping } from './mapping.js';

const HexnodeSettings = v.strictObject({
  name: connectionName(),
  vendor: v.literal('hexnode'),
  /** The portal name, or its URL (https://acme.hexnodemdm.com/). */
  portal: text(),
  /** Admin › General Settings › API. */
  apiKey: text(),
  baseUrl: optionalText(),
  pageSize: optionalInteger(1),
  managedDevices: optionalInteger(0),
});

/** Hexnode connections. */
export const hexnode: VendorMapping<v.InferOutput<typeof HexnodeSettings>, 'hexnode'> = {
  vendor: 'hexnode',
  label: 'Hexnode',
  secrets: ['apiKey'],
  settings: HexnodeSettings,
  connect: (s, extras) =>
    createHexnodeConnector({
      name: s.name,
      onEvent: extras.onEvent,
      fetch: extras.fetch,
      apiKey: s.apiKey,
      portal: s.portal,
      baseUrl: s.baseUrl,
      pageSize: s.pageSize,
      managedDevices: s.managedDevices,
    }),
  sandbox: {
    size: { users: 41, groups: 4, devices: 30 },
    entry: (c) => ({ portal: c.portal, apiKey: c.apiKey, baseUrl: c.baseUrl }),
  },
};
