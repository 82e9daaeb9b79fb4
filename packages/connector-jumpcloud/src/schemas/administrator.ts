import * as v from 'valibot';
import { dropKeys, optionalBoolean, optionalString } from './common.js';

/** Administrator fields that describe credentials rather than the person: dropped before validation. */
export const ADMINISTRATOR_SECRET_KEYS = ['apiKeyHash', 'password', 'totpSecret'] as const;

/**
 * An administrator of the console (`GET /api/users`, undocumented but served; v1 `userreturn`).
 * `roleName` is one of Administrator with Billing, Administrator, Manager, Command Runner, Help
 * Desk, Read Only (kept as a string).
 */
export const Administrator = v.pipe(
  v.unknown(),
  dropKeys(ADMINISTRATOR_SECRET_KEYS),
  v.looseObject({
    _id: v.string(),
    email: v.string(),
    firstname: optionalString,
    lastname: optionalString,
    roleName: optionalString,
    roleNames: v.nullish(v.array(v.string())),
    suspended: optionalBoolean,
    enableMultiFactor: optionalBoolean,
    totpEnrolled: optionalBoolean,
    apiKeyAllowed: optionalBoolean,
    apiKeySet: optionalBoolean,
    apiKeyUpdatedAt: optionalString,
    organization: optionalString,
    provider: optionalString,
    created: optionalString,
  }),
);

/** A validated administrator (without API key hash details). */
export type Administrator = v.InferOutput<typeof Administrator>;
