// JumpCloud: its checks and the API call behind each resource the graph reads (a finding's
// evidence names the endpoint an auditor can repeat).

import { jumpcloudAccessChecks } from '../checks/jumpcloud-access.js';
import { jumpcloudDeviceChecks } from '../checks/jumpcloud-devices.js';
import { jumpcloudFleetChecks } from '../checks/jumpcloud-fleet.js';
import { jumpcloudIdentityChecks } from '../checks/jumpcloud-identity.js';
import type { VendorPosture } from './vendor-posture.js';

/** JumpCloud's posture: its checks and the API calls behind its resources. */
export const jumpcloud: VendorPosture = {
  checks: [
    ...jumpcloudIdentityChecks,
    ...jumpcloudAccessChecks,
    ...jumpcloudDeviceChecks,
    ...jumpcloudFleetChecks,
  ],
  apiPaths: {
    organizations: 'GET /api/organizations',
    organizationSettings: 'GET /api/organizations/{id}',
    authnPolicies: 'GET /api/v2/authn/policies',
    users: 'GET /api/systemusers',
    lastLogins: 'POST /insights/directory/v1/events',
    groups: 'GET /api/v2/usergroups',
    groupMembers: 'GET /api/v2/usergroups/{id}/members',
    applications: 'GET /api/applications',
    applicationAssignments: 'GET /api/v2/applications/{id}/users, /usergroups',
    systems: 'GET /api/systems',
    policies: 'GET /api/v2/policies',
    policyResults: 'GET /api/v2/policies/{id}/policystatuses',
    appleMdms: 'GET /api/v2/applemdms',
    appleMdmDevices: 'GET /api/v2/applemdms/{id}/devices',
    administrators: 'GET /api/users',
  },
};
