import type { ResourceOf } from '@org/connector-core/kit';
import type { jumpCloudResources } from './resources.js';

export type { JumpCloudEventListOptions } from './resources/events.js';
export type { JumpCloudListOptions } from './resources/lists.js';

/** `jc.users`: `list({ filter })` streams system users, `get(id)` reads one. */
export type JumpCloudUsers = ResourceOf<(typeof jumpCloudResources)['users']>;
/** `jc.userGroups`: `list()`, `members(groupId)` (direct) and `membership(groupId)` (nested resolved). */
export type JumpCloudUserGroups = ResourceOf<(typeof jumpCloudResources)['userGroups']>;
/** `jc.organizations`: `list()` and `get(id)` with settings. */
export type JumpCloudOrganizations = ResourceOf<(typeof jumpCloudResources)['organizations']>;
/** `jc.systems`: `list()` and `get(id)`. */
export type JumpCloudSystems = ResourceOf<(typeof jumpCloudResources)['systems']>;
/** `jc.policies`: `list()`, `get(id)` with the configured values, `statuses(policyId)`. */
export type JumpCloudPolicies = ResourceOf<(typeof jumpCloudResources)['policies']>;
/** `jc.authnPolicies`: `list()`. */
export type JumpCloudAuthnPolicies = ResourceOf<(typeof jumpCloudResources)['authnPolicies']>;
/** `jc.applications`: `list()`, `get(id)`, `users(appId)` and `userGroups(appId)`. */
export type JumpCloudApplications = ResourceOf<(typeof jumpCloudResources)['applications']>;
/** `jc.appleMdms`: `list()` and `devices(mdmId)`. */
export type JumpCloudAppleMdms = ResourceOf<(typeof jumpCloudResources)['appleMdms']>;
/** `jc.administrators`: `list()`. */
export type JumpCloudAdministrators = ResourceOf<(typeof jumpCloudResources)['administrators']>;
/** `jc.events`: `list({ start, end, service, limit, sort })`. */
export type JumpCloudEvents = ResourceOf<(typeof jumpCloudResources)['events']>;
