// The vendor API call behind each resource the graph reads, for a finding's evidence. The graph
// names resources (`jumpcloud/users`); an auditor wants the endpoint.
const PATHS: Record<string, Record<string, string>> = {
  jumpcloud: {
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
  kandji: {
    users: 'GET /api/v1/users',
    blueprints: 'GET /api/v1/blueprints',
    devices: 'GET /api/v1/devices',
    deviceInformation: 'GET /api/v1/prism/device_information',
    filevault: 'GET /api/v1/prism/filevault',
    activationLock: 'GET /api/v1/prism/activation_lock',
    gatekeeperAndXprotect: 'GET /api/v1/prism/gatekeeper_and_xprotect',
    applicationFirewall: 'GET /api/v1/prism/application_firewall',
    startupSettings: 'GET /api/v1/prism/startup_settings',
    apps: 'GET /api/v1/prism/apps',
    installedProfiles: 'GET /api/v1/prism/installed_profiles',
    localUsers: 'GET /api/v1/prism/local_users',
    deviceDetails: 'GET /api/v1/devices/{id}/details',
  },
  hexnode: {
    users: 'GET /api/v1/users/',
    groups: 'GET /api/v1/usergroups/',
    groupMembers: 'GET /api/v1/usergroups/{id}/',
    devices: 'GET /api/v1/devices/',
    deviceGroups: 'GET /api/v1/devicegroups/',
    deviceGroupMembers: 'GET /api/v1/devicegroups/{id}/',
    deviceDetails: 'GET /api/v1/devices/{id}/',
  },
};

/** The API call of a vendor's resource, such as `GET /api/systems`; undefined when unknown. */
export function apiPathOf(vendor: string, resource: string): string | undefined {
  return PATHS[vendor]?.[resource];
}
