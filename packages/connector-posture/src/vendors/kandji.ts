// Kandji: its checks and the API call behind each resource the graph reads (a finding's
// evidence names the endpoint an auditor can repeat).

import { kandjiChecks } from '../checks/kandji.js';
import { kandjiSecurityChecks } from '../checks/kandji-security.js';
import type { VendorPosture } from './vendor-posture.js';

/** Kandji's posture: its checks and the API calls behind its resources. */
export const kandji: VendorPosture = {
  checks: [...kandjiChecks, ...kandjiSecurityChecks],
  apiPaths: {
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
};
