import * as v from 'valibot';
import { optionalBoolean, optionalString } from './common.js';

/** What a conditional-access policy does: `allow` (maybe with MFA obligations), `deny`. */
export const AuthnPolicyEffect = v.looseObject({
  action: v.string(),
  obligations: v.nullish(
    v.looseObject({
      mfa: v.nullish(v.looseObject({ required: optionalBoolean })),
      mfaFactors: v.nullish(v.array(v.looseObject({ type: optionalString }))),
      userVerification: v.nullish(v.looseObject({ requirement: optionalString })),
    }),
  ),
});

const IdList = v.nullish(v.array(v.string()));

/** Who and what a conditional-access policy applies to. */
export const AuthnPolicyTargets = v.looseObject({
  users: v.nullish(v.looseObject({ inclusions: IdList })),
  userGroups: v.nullish(v.looseObject({ inclusions: IdList, exclusions: IdList })),
  resources: v.nullish(v.array(v.looseObject({ id: optionalString, type: v.string() }))),
  userAttributes: v.nullish(v.record(v.string(), v.unknown())),
});

/**
 * A conditional-access (authentication) policy (`GET /api/v2/authn/policies`). `type` is
 * `user_portal`, `application`, `ldap` or `admin_portal`.
 */
export const AuthnPolicy = v.looseObject({
  id: v.string(),
  name: optionalString,
  description: optionalString,
  type: optionalString,
  disabled: optionalBoolean,
  effect: v.nullish(AuthnPolicyEffect),
  targets: v.nullish(AuthnPolicyTargets),
  conditions: v.nullish(v.record(v.string(), v.unknown())),
});

/** A validated conditional-access policy. */
export type AuthnPolicy = v.InferOutput<typeof AuthnPolicy>;
