import { groups } from './resources/groups.js';
import { users } from './resources/users.js';

export type { OktaGroupFilters } from './resources/groups.js';
export type { OktaUserFilters } from './resources/users.js';

/**
 * Okta's resource table, what `createOktaConnector` builds its resources from: `users` (with
 * `users.factors(id)` and `users.roles(id)`) and `groups` (with `groups.members(id)`).
 */
export const oktaResources = { users, groups };
