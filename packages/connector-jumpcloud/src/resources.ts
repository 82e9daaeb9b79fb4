import { resource } from '@org/connector-core/kit';
import { eventsList } from './resources/events.js';
import { getById, insightsList, segment, v1List, v2List } from './resources/lists.js';
import { Administrator } from './schemas/administrator.js';
import { AppleMdm, AppleMdmDevice } from './schemas/apple-mdm.js';
import { Application } from './schemas/application.js';
import { AuthnPolicy } from './schemas/authn-policy.js';
import { GraphConnection, GraphObjectWithPaths } from './schemas/graph.js';
import { Organization, OrganizationDetail } from './schemas/organization.js';
import { Policy, PolicyStatus, PolicyWithDetails } from './schemas/policy.js';
import { JcSystem } from './schemas/system.js';
import * as Insights from './schemas/system-insights.js';
import { SystemUser } from './schemas/user.js';
import { UserGroup } from './schemas/user-group.js';

const byId = (item: { id: string }) => item.id;
const node = (item: { id: string; type: string }) => `${item.type}:${item.id}`;

/**
 * JumpCloud's resource table: what `createJumpCloudConnector` builds its resources from. v1 lists
 * and sortable v2 lists read every item present for the whole listing once, even while items are
 * added or removed; lists under one item (members, assignees, results) drop repeats.
 */
export const jumpCloudResources = {
  /** System users (`/api/systemusers`); `get(id)` reads one. */
  users: resource({
    list: v1List('api/systemusers', SystemUser),
    get: getById('api/systemusers', SystemUser),
  }),
  /**
   * User groups (`/api/v2/usergroups`); `members(id)`: direct members `[{ to: { id, type } }]`
   * (users and nested groups); `membership(id)`: every user, nested groups resolved, with the
   * `paths` that reach them. Neither member route takes `sort`.
   */
  userGroups: resource({
    list: v2List('api/v2/usergroups', UserGroup, byId, true),
    lists: {
      members: (id: string) =>
        v2List(
          `api/v2/usergroups/${segment(id)}/members`,
          GraphConnection,
          (c) => node(c.to),
          false,
        ),
      membership: (id: string) =>
        v2List(`api/v2/usergroups/${segment(id)}/membership`, GraphObjectWithPaths, node, false),
    },
  }),
  /** Organizations the credential can see (`/api/organizations`, never sent `x-org-id`); `get(id)` with settings. */
  organizations: resource({
    list: v1List('api/organizations', Organization),
    get: getById('api/organizations', OrganizationDetail),
  }),
  /** Systems, i.e. devices (`/api/systems`); `get(id)` reads one. */
  systems: resource({
    list: v1List('api/systems', JcSystem),
    get: getById('api/systems', JcSystem),
  }),
  /**
   * Device policies with their template (`/api/v2/policies`); `get(id)` with the configured
   * values (sensitive ones dropped); `statuses(id)`: the result per system.
   */
  policies: resource({
    list: v2List('api/v2/policies', Policy, byId, true),
    get: getById('api/v2/policies', PolicyWithDetails),
    lists: {
      statuses: (id: string) =>
        v2List(`api/v2/policies/${segment(id)}/policystatuses`, PolicyStatus, byId, true),
    },
  }),
  /** Conditional-access policies (`/api/v2/authn/policies`). */
  authnPolicies: resource({ list: v2List('api/v2/authn/policies', AuthnPolicy, byId, true) }),
  /**
   * SSO applications (`/api/applications`), never with their `config` (certificates and keys);
   * `users(id)` and `userGroups(id)`: who is assigned, directly or through a group (see `paths`).
   */
  applications: resource({
    list: v1List('api/applications', Application),
    get: getById('api/applications', Application),
    lists: {
      users: (id: string) =>
        v2List(`api/v2/applications/${segment(id)}/users`, GraphObjectWithPaths, node, false),
      userGroups: (id: string) =>
        v2List(`api/v2/applications/${segment(id)}/usergroups`, GraphObjectWithPaths, node, false),
    },
  }),
  /** Console administrators with role and MFA state (`/api/users`: served, though not in the spec). */
  administrators: resource({ list: v1List('api/users', Administrator) }),
  /** Apple MDM servers (`/api/v2/applemdms`); `devices(id)`: serial, OS, enrolment, supervision, activation lock. */
  appleMdms: resource({
    list: v2List('api/v2/applemdms', AppleMdm, byId, false),
    lists: {
      devices: (id: string) =>
        v2List(`api/v2/applemdms/${segment(id)}/devices`, AppleMdmDevice, byId, true),
    },
  }),
  /** System Insights: volumes and whether each is encrypted (macOS, Linux), fleet-wide. */
  systemInsightsDiskEncryption: resource({
    list: insightsList('disk_encryption', Insights.InsightsDiskEncryption),
  }),
  /** System Insights: BitLocker state of Windows drives. */
  systemInsightsBitlocker: resource({
    list: insightsList('bitlocker_info', Insights.InsightsBitlockerInfo),
  }),
  /** System Insights: the operating system of each system. */
  systemInsightsOsVersions: resource({
    list: insightsList('os_version', Insights.InsightsOsVersion),
  }),
  /** System Insights: applications installed on Macs. */
  systemInsightsApps: resource({ list: insightsList('apps', Insights.InsightsApp) }),
  /** System Insights: programs installed on Windows systems. */
  systemInsightsPrograms: resource({ list: insightsList('programs', Insights.InsightsProgram) }),
  /** System Insights: Windows hotfixes installed. */
  systemInsightsPatches: resource({ list: insightsList('patches', Insights.InsightsPatch) }),
  /** System Insights: local accounts of each system (admin flag, last login). */
  systemInsightsUsers: resource({ list: insightsList('users', Insights.InsightsUser) }),
  /** System Insights: sessions open on each system. */
  systemInsightsLoggedInUsers: resource({
    list: insightsList('logged_in_users', Insights.InsightsLoggedInUser),
  }),
  /** Directory Insights events of a time range (`POST /insights/directory/v1/events`). */
  events: resource({ list: eventsList }),
};
