import type { AnyPostureCheck } from '../model/check.js';
import { crossVendorChecks } from './cross-vendor.js';
import { hexnodeChecks } from './hexnode.js';
import { jumpcloudDeviceChecks } from './jumpcloud-devices.js';
import { jumpcloudIdentityChecks } from './jumpcloud-identity.js';
import { kandjiChecks } from './kandji.js';

/** Every built-in check: JumpCloud, Kandji, Hexnode, then cross-vendor. */
export const defaultChecks: readonly AnyPostureCheck[] = [
  ...jumpcloudIdentityChecks,
  ...jumpcloudDeviceChecks,
  ...kandjiChecks,
  ...hexnodeChecks,
  ...crossVendorChecks,
];
