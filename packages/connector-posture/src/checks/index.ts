import type { AnyPostureCheck } from '../model/check.js';
import { crossVendorChecks } from './cross-vendor.js';
import { hexnodeChecks } from './hexnode.js';
import { jumpcloudAccessChecks } from './jumpcloud-access.js';
import { jumpcloudDeviceChecks } from './jumpcloud-devices.js';
import { jumpcloudFleetChecks } from './jumpcloud-fleet.js';
import { jumpcloudIdentityChecks } from './jumpcloud-identity.js';
import { kandjiChecks } from './kandji.js';
import { kandjiSecurityChecks } from './kandji-security.js';

/** Every built-in check, by vendor (JumpCloud, Kandji, Hexnode), then cross-vendor. */
export const defaultChecks: readonly AnyPostureCheck[] = [
  ...jumpcloudIdentityChecks,
  ...jumpcloudAccessChecks,
  ...jumpcloudDeviceChecks,
  ...jumpcloudFleetChecks,
  ...kandjiChecks,
  ...kandjiSecurityChecks,
  ...hexnodeChecks,
  ...crossVendorChecks,
];
