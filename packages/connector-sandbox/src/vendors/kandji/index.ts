import { defineSandboxVendor } from '../../server/vendor.js';
import { createKandji, KANDJI_USERS_PAGE_SIZE, type KandjiCredentials } from './app.js';

/** Kandji: a cursor inside a `next` link (on another host), a Bearer token. */
export const kandji = defineSandboxVendor<KandjiCredentials>({
  label: 'Kandji',
  facts: {
    usersPath: /^\/api\/v1\/users\/?$/,
    items: 'results',
    id: 'id',
    email: 'email',
    // 300 users a page whatever is asked, and no total.
    paging: {
      carried: 'body-link',
      field: 'next',
      param: 'cursor',
      size: { default: KANDJI_USERS_PAGE_SIZE },
    },
    auth: [{ header: 'authorization', scheme: 'Bearer' }],
    withoutUsers: ['Devices › List devices', 'Devices › Device details'],
    secrets: (c) => [c.apiToken],
  },
  create: createKandji,
  banner: (c) => [
    `API token: ${c.apiToken}`,
    `API URL:   ${c.apiUrl}`,
    '',
    `curl -H 'Authorization: Bearer ${c.apiToken}' '${c.apiUrl}/api/v1/users'`,
  ],
});
