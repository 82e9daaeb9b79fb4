// JumpCloud: the directory. The organization and its settings, conditional-access policies, users
// (with their last sign-in when the host enables it), user groups and their members, SSO
// applications and everyone with access to them, systems and their primary users, device policies
// and their results, Apple MDM servers and their devices, administrators.
import type { VendorAdapter } from '../collect/adapter.js';
import { identityOf } from './common.js';
import { applicationAssignments, applications } from './jumpcloud/applications.js';
import { JumpCloudRead } from './jumpcloud/context.js';
import {
  appleMdmDevices,
  appleMdms,
  policies,
  policyResults,
  systems,
} from './jumpcloud/devices.js';
import { administrators, groupMembers, groups, lastLogins, users } from './jumpcloud/directory.js';
import { authnPolicies, organizationSettings, organizations } from './jumpcloud/organization.js';

/** Reads a JumpCloud connection (`createJumpCloudConnector`). */
export const jumpcloudAdapter: VendorAdapter = {
  directory: true,

  // JupiterOne's graph-jumpcloud names Apple MDM servers and their devices so.
  types: {
    mdm: 'jumpcloud_apple_mdm',
    mdm_device: 'jumpcloud_apple_device',
    access_policy: 'jumpcloud_authn_policy',
  },

  identity: (connector) => identityOf(connector, JumpCloudRead.orgOf(connector)),

  account: (connector) => {
    const orgId = JumpCloudRead.orgOf(connector);
    return {
      id: orgId ?? connector.name,
      class: ['Account', 'Organization'],
      displayName: `JumpCloud ${orgId ?? connector.name}`,
      fields: { vendor: 'JumpCloud', orgId: orgId ?? null },
    };
  },

  resources(connector) {
    const jc = new JumpCloudRead(connector);
    return [
      organizations(jc),
      organizationSettings(jc),
      authnPolicies(jc),
      users(jc),
      lastLogins(jc),
      groups(jc),
      groupMembers(jc),
      applications(jc),
      applicationAssignments(jc),
      systems(jc),
      policies(jc),
      policyResults(jc),
      appleMdms(jc),
      appleMdmDevices(jc),
      administrators(jc),
    ];
  },
};
