import * as v from 'valibot';
import { optionalBoolean, optionalNumber, optionalString } from './common.js';

/** An organization as listed by `GET /api/organizations`. */
export const Organization = v.looseObject({
  _id: v.string(),
  displayName: optionalString,
  logoUrl: optionalString,
  created: optionalString,
});

/** The organization's password policy for its users (`settings.passwordPolicy`). */
export const PasswordPolicy = v.looseObject({
  minLength: optionalNumber,
  enableMinLength: optionalBoolean,
  needsUppercase: optionalBoolean,
  needsLowercase: optionalBoolean,
  needsNumeric: optionalBoolean,
  needsSymbolic: optionalBoolean,
  passwordExpirationInDays: optionalNumber,
  enablePasswordExpirationInDays: optionalBoolean,
  maxLoginAttempts: optionalNumber,
  enableMaxLoginAttempts: optionalBoolean,
  lockoutTimeInSeconds: optionalNumber,
  enableLockoutTimeInSeconds: optionalBoolean,
  maxHistory: optionalNumber,
  enableMaxHistory: optionalBoolean,
  minChangePeriodInDays: optionalNumber,
  enableMinChangePeriodInDays: optionalBoolean,
  disallowCommonlyUsedPasswords: optionalBoolean,
  disallowSequentialOrRepetitiveChars: optionalBoolean,
  allowUsernameSubstring: optionalBoolean,
});

/** Organization-wide settings a posture scan looks at (`GET /api/organizations/{id}` → `settings`). */
export const OrganizationSettings = v.looseObject({
  requireAdminMFA: optionalBoolean,
  passwordPolicy: v.nullish(PasswordPolicy),
  passwordCompliance: optionalString,
  systemUsersCanEdit: optionalBoolean,
  disableLdap: optionalBoolean,
  disableCommandRunner: optionalBoolean,
  disableGoogleLogin: optionalBoolean,
  enableManagedUID: optionalBoolean,
  systemUserPasswordExpirationInDays: optionalNumber,
  contactEmail: optionalString,
  contactName: optionalString,
  name: optionalString,
});

/** One organization with its settings (`GET /api/organizations/{id}`). */
export const OrganizationDetail = v.looseObject({
  _id: v.string(),
  displayName: optionalString,
  created: optionalString,
  logoUrl: optionalString,
  provider: optionalString,
  settings: v.nullish(OrganizationSettings),
});

/** A validated organization list entry. */
export type Organization = v.InferOutput<typeof Organization>;
/** A validated password policy. */
export type PasswordPolicy = v.InferOutput<typeof PasswordPolicy>;
/** Validated organization settings. */
export type OrganizationSettings = v.InferOutput<typeof OrganizationSettings>;
/** A validated organization with its settings. */
export type OrganizationDetail = v.InferOutput<typeof OrganizationDetail>;
