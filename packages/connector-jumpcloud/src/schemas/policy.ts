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

/** A validated policy template. */
export type PolicyTemplate = v.InferOutput<typeof PolicyTemplate>;
/** A validated policy. */
export type Policy = v.InferOutput<typeof Policy>;
/** A validated per-system policy result. */
export type PolicyStatus = v.InferOutput<typeof PolicyStatus>;
