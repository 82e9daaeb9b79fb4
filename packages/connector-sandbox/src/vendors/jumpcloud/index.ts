import { defineSandboxVendor } from '../../server/vendor.js';
import { createJumpCloud, type JumpCloudCredentials } from './app.js';

/** JumpCloud: `skip`/`limit` over `{ totalCount, results }`, `x-api-key` or an OAuth Bearer token. */
export const jumpcloud = defineSandboxVendor<JumpCloudCredentials>({
  label: 'JumpCloud',
  facts: {
    usersPath: /^\/api\/systemusers\/?$/,
    items: 'results',
    id: '_id',
    email: 'email',
    paging: {
      carried: 'offset',
      param: 'skip',
      size: { param: 'limit', default: 10 },
      total: { field: 'totalCount' },
    },
    sort: { param: 'sort' },
    auth: [{ header: 'x-api-key' }, { header: 'authorization', scheme: 'Bearer' }],
    withoutUsers: ['systems'],
    secrets: (c) => [c.apiKey, c.oauthClient.clientSecret],
  },
  create: createJumpCloud,
  banner: (c) => [
    `API key:        ${c.apiKey}`,
    `org id:         ${c.orgId}`,
    `base URL:       ${c.baseUrl}/api`,
    `insights:       ${c.insightsBaseUrl}`,
    `token URL:      ${c.tokenUrl}`,
    `client id:      ${c.oauthClient.clientId}`,
    `client secret:  ${c.oauthClient.clientSecret}`,
    '',
    `curl -H 'x-api-key: ${c.apiKey}' '${c.baseUrl}/api/systemusers?limit=5&sort=_id'`,
  ],
});
