import type { AnyPostureCheck } from '../model/check.js';
import { POSTURE_VENDORS } from '../vendors/registry.js';
import { crossVendorChecks } from './cross-vendor.js';

/** Every built-in check: each registered vendor's (`POSTURE_VENDORS`), then cross-vendor. */
export const defaultChecks: readonly AnyPostureCheck[] = [
  ...Object.values(POSTURE_VENDORS).flatMap((vendor) => vendor.checks),
  ...crossVendorChecks,
];
