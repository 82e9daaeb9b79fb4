import * as v from 'valibot';
import { optionalBoolean, optionalNumber, optionalString } from './common.js';

/** The template a policy instantiates: what it configures and for which OS family. */
export const PolicyTemplate = v.looseObject({
  id: optionalString,
  name: optionalString,
  displayName: optionalString,
  description: optionalString,
  osMetaFamily: optionalString,
  activation: optionalString,
  behavior: optionalString,
  deliveryTypes: v.nullish(v.array(v.string())),
});

/** A policy (`GET /api/v2/policies`, v2 `Policy`). */
export const Policy = v.looseObject({
  id: v.string(),
  name: v.string(),
  template: v.nullish(PolicyTemplate),
});

/** The result of applying a policy to one system (`GET /api/v2/policies/{id}/policystatuses`). */
export const PolicyStatus = v.looseObject({
  id: v.string(),
  policyID: optionalString,
  systemID: optionalString,
  success: optionalBoolean,
  state: optionalString,
  detail: optionalString,
  exitStatus: optionalNumber,
  startedAt: optionalString,
  endedAt: optionalString,
});

/** A configuration field of a policy's template: what a value means. */
export const PolicyConfigField = v.looseObject({
  id: v.string(),
  name: optionalString,
  label: optionalString,
  displayType: optionalString,
  defaultValue: v.nullish(v.unknown()),
  required: optionalBoolean,
  sensitive: optionalBoolean,
});

/**
 * One configured value. A value JumpCloud marks `sensitive` (a password, a recovery key) is
 * dropped before validation, so it is never returned, kept or put in an error.
 */
export const PolicyValue = v.pipe(
  v.unknown(),
  v.transform((input: unknown): unknown => {
    if (typeof input !== 'object' || input === null || !('sensitive' in input)) return input;
    if (input.sensitive !== true) return input;
    const { value: _dropped, ...rest } = input as Record<string, unknown>;
    return rest;
  }),
  v.looseObject({
    configFieldID: v.string(),
    value: v.nullish(v.unknown()),
    sensitive: optionalBoolean,
  }),
);

/** A policy with its configuration (`GET /api/v2/policies/{id}`, v2 `PolicyWithDetails`). */
export const PolicyWithDetails = v.looseObject({
  ...Policy.entries,
  notes: optionalString,
  configFields: v.nullish(v.array(PolicyConfigField)),
  values: v.nullish(v.array(PolicyValue)),
});

/** A validated policy template. */
export type PolicyTemplate = v.InferOutput<typeof PolicyTemplate>;
/** A validated policy. */
export type Policy = v.InferOutput<typeof Policy>;
/** A validated per-system policy result. */
export type PolicyStatus = v.InferOutput<typeof PolicyStatus>;
/** A validated policy with its configuration values (sensitive ones dropped). */
export type PolicyWithDetails = v.InferOutput<typeof PolicyWithDetails>;
