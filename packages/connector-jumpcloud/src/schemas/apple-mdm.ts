import * as v from 'valibot';
import { optionalBoolean, optionalNumber, optionalString } from './common.js';

/** An Apple MDM server of the organization (`GET /api/v2/applemdms`, v2 `AppleMDM`). */
export const AppleMdm = v.looseObject({
  id: v.string(),
  name: optionalString,
  organization: optionalString,
  apnsCertExpiry: optionalString,
  depAccessTokenExpiry: optionalString,
  depServerTokenState: optionalString,
  allowMobileUserEnrollment: optionalBoolean,
});

/**
 * A device enrolled in an Apple MDM server (`GET /api/v2/applemdms/{id}/devices`, v2
 * `apple-mdm-device`): serial, OS, enrolment, supervision and activation-lock state.
 */
export const AppleMdmDevice = v.looseObject({
  id: v.string(),
  serialNumber: optionalString,
  udid: optionalString,
  osVersion: optionalString,
  mdmOsFamily: optionalString,
  modelFamily: optionalString,
  enrolled: optionalBoolean,
  depRegistered: optionalBoolean,
  createdAt: optionalString,
  hasActivationLockBypassCodes: optionalBoolean,
  deviceInformation: v.nullish(
    v.looseObject({
      deviceName: optionalString,
      modelName: optionalString,
      osBuildVersion: optionalString,
      isSupervised: optionalBoolean,
      activationLockAllowedWhileSupervised: optionalBoolean,
      deviceCapacity: optionalNumber,
    }),
  ),
  securityInfo: v.nullish(
    v.looseObject({
      enrolledViaDep: optionalBoolean,
      filevaultEnabled: optionalBoolean,
      isActivationLockManageable: optionalBoolean,
      passcodePresent: optionalBoolean,
      passcodeCompliant: optionalBoolean,
      userApprovedEnrollment: optionalBoolean,
      isUserEnrollment: optionalBoolean,
    }),
  ),
});

/** A validated Apple MDM server. */
export type AppleMdm = v.InferOutput<typeof AppleMdm>;
/** A validated Apple MDM device. */
export type AppleMdmDevice = v.InferOutput<typeof AppleMdmDevice>;
