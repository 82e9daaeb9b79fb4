// The vendor API call behind each resource the graph reads, for a finding's evidence. The graph
// names resources (`jumpcloud/users`); an auditor wants the endpoint.
const PATHS: Record<string, Record<string, string>> = {
  jumpcloud: {
    organizations: 'GET /api/organizations',
    users: 'GET /api/systemusers',
    groups: 'GET /api/v2/usergroups',
    groupMembers: 'GET /api/v2/usergroups/{id}/members',
    applications: 'GET /api/applications',
    applicationAssignments: 'GET /api/v2/applications/{id}/users, /usergroups',
    systems: 'GET /api/systems',
    policies: 'GET /api/v2/policies',
    policyResults: 'GET /api/v2/policies/{id}/policystatuses',
    administrators: 'GET /api/users',
  },
  kandji: {
    users: 'GET /api/v1/users',
    devices: 'GET /api/v1/devices',
    filevault: 'GET /api/v1/prism/filevault',
    activationLock: 'GET /api/v1/prism/activation_lock',
  },
  hexnode: {
    users: 'GET /api/v1/users/',
    groups: 'GET /api/v1/usergroups/',
    groupMembers: 'GET /api/v1/usergroups/{id}/',
    devices: 'GET /api/v1/devices/',
    deviceGroups: 'GET /api/v1/devicegroups/',
  },
};

/** The API call of a vendor's resource, such as `GET /api/systems`; undefined when unknown. */
export function apiPathOf(vendor: string, resource: string): string | undefined {
  return PATHS[vendor]?.[resource];
}
