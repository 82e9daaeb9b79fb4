// Hexnode: its checks and the API call behind each resource the graph reads (a finding's
// evidence names the endpoint an auditor can repeat).

import { hexnodeChecks } from '../checks/hexnode.js';
import type { VendorPosture } from './vendor-posture.js';

/** Hexnode's posture: its checks and the API calls behind its resources. */
export const hexnode: VendorPosture = {
  checks: [...hexnodeChecks],
  apiPaths: {
    users: 'GET /api/v1/users/',
    groups: 'GET /api/v1/usergroups/',
    groupMembers: 'GET /api/v1/usergroups/{id}/',
    devices: 'GET /api/v1/devices/',
    deviceGroups: 'GET /api/v1/devicegroups/',
    deviceGroupMembers: 'GET /api/v1/devicegroups/{id}/',
    deviceDetails: 'GET /api/v1/devices/{id}/',
  },
};
