import type { SaasAccount, SaasAccountMfa, SaasAccountStatus } from '@org/connector-core';
import { accountEmail, type InvalidField } from '@org/connector-core/kit';
import type { SystemUserAccount } from './schemas/user.js';

/**
 * The account status of a system user, from `state` where the record has one (`ACTIVATED` →
 * active, `SUSPENDED` → suspended, `STAGED` → pending), else from `suspended` (records older than
 * `state`, or a state JumpCloud adds later). `activated` only says whether the user has set a
 * password, so it never decides the status: see {@link jumpCloudPasswordPending}.
 */
export function jumpCloudAccountStatus(
  user: Pick<SystemUserAccount, 'state' | 'suspended'>,
): SaasAccountStatus {
  if (user.state === 'SUSPENDED') return 'suspended';
  if (user.state === 'STAGED') return 'pending';
  if (user.state === 'ACTIVATED') return 'active';
  return user.suspended === true ? 'suspended' : 'active';
}

/** Whether the user has not set a password yet (`activated: false`); `undefined` when not said. */
export function jumpCloudPasswordPending(
  user: Pick<SystemUserAccount, 'activated'>,
): boolean | undefined {
  return typeof user.activated === 'boolean' ? !user.activated : undefined;
}

// MFA enrolment statuses JumpCloud documents; a value it adds later is `unknown`, never guessed.
const NOT_ENROLLED = new Set([
  'NOT_ENROLLED',
  'DISABLED',
  'PENDING_ACTIVATION',
  'ENROLLMENT_EXPIRED',
  'IN_ENROLLMENT',
  'PRE_ENROLLMENT',
]);

/** MFA from `mfaEnrollment.overallStatus`, else `mfa.configured`; enforced: user-portal MFA required and no exclusion. */
function mfaOf(user: SystemUserAccount): SaasAccountMfa | undefined {
  const overall = user.mfaEnrollment?.overallStatus;
  const configured = user.mfa?.configured;
  const status =
    overall === 'ENROLLED'
      ? 'enrolled'
      : typeof overall === 'string'
        ? NOT_ENROLLED.has(overall)
          ? 'not_enrolled'
          : 'unknown'
        : typeof configured === 'boolean'
          ? configured
            ? 'enrolled'
            : 'not_enrolled'
          : undefined;
  if (status === undefined) return undefined;
  const required = user.enable_user_portal_multifactor;
  const enforced =
    typeof required === 'boolean' ? required && user.mfa?.exclusion !== true : undefined;
  return { status, enforced };
}

const text = (s: string | null | undefined) => s?.trim() || undefined;

/**
 * Builds the shared `SaasAccount` of a system user: email lowercased and trimmed, name from
 * `displayname`, first and last name or `username`, department, job title, employee id and MFA
 * where the record has them. A user without an `email` field means JumpCloud's response changed
 * shape: an `InvalidField`, so `onInvalidItem` decides. `raw` is the user as `accounts()` validates
 * it (the fields listed in `SystemUserAccount`).
 */
export function toJumpCloudAccount(
  user: SystemUserAccount,
  connection: string,
): SaasAccount | InvalidField | undefined {
  const email = accountEmail(user.email);
  if (typeof email !== 'string') return email;
  const full = [text(user.firstname), text(user.lastname)].filter(Boolean).join(' ');
  const created = user.created ? new Date(user.created) : undefined;
  return {
    vendor: 'jumpcloud',
    connection,
    id: user._id,
    email,
    name: text(user.displayname) || full || text(user.username),
    status: jumpCloudAccountStatus(user),
    createdAt: created && !Number.isNaN(created.getTime()) ? created : undefined,
    // Set by the Directory Insights pass when `accounts.lastLogin` asks for it; always present so
    // every account has one shape.
    lastLoginAt: undefined,
    mfa: mfaOf(user),
    department: text(user.department),
    title: text(user.jobTitle),
    externalId: text(user.employeeIdentifier),
    raw: user,
  };
}
