import * as v from 'valibot';
import { AttributeList, optionalBoolean, optionalNumber, optionalString } from './common.js';

/** Full-disk-encryption state of a system. */
export const SystemFde = v.looseObject({ active: optionalBoolean, keyPresent: optionalBoolean });

/** Policy result counts JumpCloud keeps per system. */
export const SystemPolicyStats = v.looseObject({
  duplicate: optionalNumber,
  failed: optionalNumber,
  pending: optionalNumber,
  success: optionalNumber,
  total: optionalNumber,
  unsupportedOs: optionalNumber,
});

/** A device (`GET /api/systems`, v1 `JcSystem`). */
export const JcSystem = v.looseObject({
  _id: v.string(),
  hostname: optionalString,
  displayName: optionalString,
  os: optionalString,
  osFamily: optionalString,
  version: optionalString,
  arch: optionalString,
  active: optionalBoolean,
  lastContact: optionalString,
  created: optionalString,
  agentVersion: optionalString,
  serialNumber: optionalString,
  organization: optionalString,
  fde: v.nullish(SystemFde),
  allowMultiFactorAuthentication: optionalBoolean,
  allowSshRootLogin: optionalBoolean,
  allowSshPasswordAuthentication: optionalBoolean,
  allowPublicKeyAuthentication: optionalBoolean,
  policyStats: v.nullish(SystemPolicyStats),
  attributes: AttributeList,
});

/** A validated JumpCloud system (device). */
export type JcSystem = v.InferOutput<typeof JcSystem>;
