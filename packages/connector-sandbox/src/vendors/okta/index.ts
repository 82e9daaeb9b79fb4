import { defineSandboxVendor } from '../../server/vendor.js';
import { createOkta, type OktaCredentials } from './app.js';
import { OKTA_MISCONFIGURATIONS } from './scenario.js';

/** Okta: bare arrays paged by the `Link` header's `after` cursor, `SSWS` tokens or service apps. */
export const okta = defineSandboxVendor<OktaCredentials>({
  label: 'Okta',
  facts: {
    usersPath: /^\/api\/v1\/users$/,
    items: '',
    id: 'id',
    email: 'profile.email',
    // No total: the `Link` header's `after` cursor is all a page says.
    paging: { carried: 'link-header', param: 'after', size: { param: 'limit', default: 200 } },
    auth: [{ header: 'authorization', scheme: 'SSWS' }],
    withoutUsers: ['okta.groups.read'],
    secrets: (c) => [c.apiToken, c.oauthClient.privateKey],
  },
  create: createOkta,
  misconfigurations: OKTA_MISCONFIGURATIONS,
  banner: (c) => [
    `API token:  ${c.apiToken}`,
    `org URL:    ${c.baseUrl}`,
    `client id:  ${c.oauthClient.clientId} (private_key_jwt: its PEM key is credentials.oauthClient.privateKey)`,
    '',
    `curl -H 'Authorization: SSWS ${c.apiToken}' '${c.baseUrl}/api/v1/users?limit=5' -i`,
  ],
});
