import type { ResourceOf } from '@org/connector-core/kit';
import type { oktaResources } from './resources.js';

/** `okta.users`: `list(filters)`, `get(id)`, `factors(id)` and `roles(id)`. */
export type OktaUsers = ResourceOf<(typeof oktaResources)['users']>;

/** `okta.groups`: `list(filters)` and `members(id)`. */
export type OktaGroups = ResourceOf<(typeof oktaResources)['groups']>;
