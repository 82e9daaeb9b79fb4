import { fastObject } from '@org/connector-core/kit';
import * as v from 'valibot';
import { AttributeList, optionalBoolean, optionalNumber, optionalString } from './common.js';

/** A user's lifecycle state: `STAGED` (invited, not yet active), `ACTIVATED`, `SUSPENDED`. */
export const UserState = v.picklist(['STAGED', 'ACTIVATED', 'SUSPENDED']);

/**
 * Enrolment status of one MFA method. Kept as a string: JumpCloud documents `NOT_ENROLLED`,
 * `DISABLED`, `PENDING_ACTIVATION`, `ENROLLMENT_EXPIRED`, `IN_ENROLLMENT`, `PRE_ENROLLMENT` and
 * `ENROLLED`, and a new value must not fail a sync.
 */
export const MfaEnrollmentStatus = v.string();

/** A user's MFA configuration. Missing on some users: never assume it is there. */
export const UserMfa = v.looseObject({
  configured: optionalBoolean,
  exclusion: optionalBoolean,
  exclusionDays: optionalNumber,
  exclusionUntil: optionalString,
});

/** Per-method MFA enrolment of a user. */
export const UserMfaEnrollment = v.looseObject({
  overallStatus: v.nullish(MfaEnrollmentStatus),
  totpStatus: v.nullish(MfaEnrollmentStatus),
  pushStatus: v.nullish(MfaEnrollmentStatus),
  webAuthnStatus: v.nullish(MfaEnrollmentStatus),
  jcGoStatus: v.nullish(MfaEnrollmentStatus),
});

/**
 * A system user (`GET /api/systemusers`, v1 `systemuserreturn`). `_id` and `email` are required
 * because accounts are built from them; everything else is optional and unknown fields are kept.
 */
export const SystemUser = v.looseObject({
  _id: v.string(),
  email: v.string(),
  username: optionalString,
  firstname: optionalString,
  middlename: optionalString,
  lastname: optionalString,
  displayname: optionalString,
  // A state JumpCloud adds later is kept as sent rather than failing the whole sync;
  // `jumpCloudAccountStatus` then reads `suspended`.
  state: v.optional(v.union([UserState, v.string()])),
  activated: optionalBoolean,
  suspended: optionalBoolean,
  account_locked: optionalBoolean,
  account_locked_date: optionalString,
  password_expired: optionalBoolean,
  password_never_expires: optionalBoolean,
  password_date: optionalString,
  password_expiration_date: optionalString,
  totp_enabled: optionalBoolean,
  enable_user_portal_multifactor: optionalBoolean,
  mfa: v.nullish(UserMfa),
  mfaEnrollment: v.nullish(UserMfaEnrollment),
  sudo: optionalBoolean,
  passwordless_sudo: optionalBoolean,
  ldap_binding_user: optionalBoolean,
  employeeIdentifier: optionalString,
  employeeType: optionalString,
  department: optionalString,
  jobTitle: optionalString,
  manager: optionalString,
  alternateEmail: optionalString,
  organization: optionalString,
  created: optionalString,
  attributes: AttributeList,
  externally_managed: optionalBoolean,
  badLoginAttempts: optionalNumber,
});

/** The field names of a system user its schema declares (what `accounts.rawFields` may name). */
export const SYSTEM_USER_FIELDS = Object.keys(SystemUser.entries) as [
  SystemUserField,
  ...SystemUserField[],
];
/** A field name of a system user's schema. */
export type SystemUserField = keyof typeof SystemUser.entries;

/** A validated JumpCloud system user. */
export type SystemUser = v.InferOutput<typeof SystemUser>;
/** A user's lifecycle state. */
export type UserState = v.InferOutput<typeof UserState>;

/**
 * The fields of a system user its `SaasAccount` is built from; the account's `raw` holds just
 * these. `accounts()` validates users with this schema because validating (and copying) every
 * field of every user is most of what a large sync costs; `users.list()` gives the whole user.
 * `email` may be absent here, so one user without it fails (or, with `onInvalidItem: 'skip'`,
 * skips) that user alone, not its page.
 */
export const SystemUserAccount = fastObject(
  v.object({
    ...v.pick(v.object(SystemUser.entries), [
      '_id',
      'username',
      'firstname',
      'lastname',
      'displayname',
      'state',
      'activated',
      'suspended',
      'created',
      'enable_user_portal_multifactor',
      'department',
      'jobTitle',
      'employeeIdentifier',
    ]).entries,
    email: optionalString,
    // Only what an account's `mfa` is read from: nested objects are most of the validation cost.
    mfa: v.nullish(
      fastObject(v.object({ configured: optionalBoolean, exclusion: optionalBoolean })),
    ),
    mfaEnrollment: v.nullish(fastObject(v.object({ overallStatus: optionalString }))),
  }),
);

/**
 * The page schema `accounts()` validates users with: {@link SystemUserAccount} plus the host's
 * extra fields, each validated as `users.list()` validates it (a named `mfa` or `mfaEnrollment`
 * keeps the whole object, of which the lean one is a part).
 */
export function systemUserAccountWith(extra: readonly SystemUserField[]) {
  if (extra.length === 0) return SystemUserAccount;
  return fastObject(
    v.object({
      ...SystemUserAccount.entries,
      ...Object.fromEntries(extra.map((field) => [field, SystemUser.entries[field]])),
    }),
  );
}

/** The `fields` selection (space-separated) of {@link systemUserAccountWith}'s fields. */
export function accountFields(extra: readonly SystemUserField[]): string {
  return Object.keys(systemUserAccountWith(extra).entries).join(' ');
}

/** A system user as `accounts()` validates it. */
export type SystemUserAccount = v.InferOutput<typeof SystemUserAccount>;
