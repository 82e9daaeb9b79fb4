import { defineSandboxVendor } from '../../server/vendor.js';
import { createHexnode, type HexnodeCredentials } from './app.js';

/** Hexnode UEM: DRF page numbers with a `next` link, the key raw in `Authorization`. */
export const hexnode = defineSandboxVendor<HexnodeCredentials>({
  label: 'Hexnode',
  facts: {
    usersPath: /^\/api\/v1\/users\/$/,
    items: 'results',
    id: 'id',
    email: 'email',
    paging: {
      carried: 'page',
      param: 'page',
      link: 'next',
      size: { param: 'per_page', default: 25 },
      total: { field: 'count' },
    },
    sort: { param: 'order_by', natural: 'descending' },
    auth: [{ header: 'authorization' }],
    withoutUsers: ['Read Devices', 'Read Device Groups'],
    secrets: (c) => [c.apiKey],
  },
  create: createHexnode,
  banner: (c) => [
    `API key:  ${c.apiKey}`,
    `portal:   ${c.portal}`,
    `base URL: ${c.baseUrl}`,
    '',
    `curl -H 'Authorization: ${c.apiKey}' '${c.baseUrl}users/?per_page=5'`,
  ],
});
