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
  // Hardware maker and model, as the agent reports them.
  hwVendor: optionalString,
  // The system's primary user (the user it is assigned to), `id: null` when none.
  primarySystemUser: v.nullish(v.looseObject({ id: optionalString })),
  // The OS version in parts (`major`, `minor`, `patch`, `releaseName`...).
  osVersionDetail: v.nullish(
    v.looseObject({
      osName: optionalString,
      version: optionalString,
      major: optionalString,
      minor: optionalString,
      patch: optionalString,
      releaseName: optionalString,
    }),
  ),
  description: optionalString,
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
