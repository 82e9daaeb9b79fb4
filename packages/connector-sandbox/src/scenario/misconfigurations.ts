// Every flaw of the `misconfigured` scenario: those `scenario.ts` patches in, and those each
// registered vendor that plants its own declares in its folder.
import type { Misconfigurations } from '../server/vendor.js';
import { SANDBOX_VENDORS } from '../vendors/registry.js';
import { PATCHED_MISCONFIGURATIONS } from './scenario.js';

const declared: Record<string, Misconfigurations> = {};
for (const [vendor, definition] of Object.entries(SANDBOX_VENDORS)) {
  const flaws = (definition as { misconfigurations?: Misconfigurations }).misconfigurations;
  if (flaws) declared[vendor] = flaws;
}

/**
 * The flaws of the `misconfigured` scenario, by vendor, object kind and index (JumpCloud users,
 * systems, administrators, applications; Kandji users and devices; Hexnode devices; and each
 * vendor's own declaration). Documented in the sandbox README; posture tests assert on exactly
 * these.
 */
export const MISCONFIGURATIONS: Readonly<Record<string, Misconfigurations>> = {
  ...PATCHED_MISCONFIGURATIONS,
  ...declared,
};
