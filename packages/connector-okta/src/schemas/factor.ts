import * as v from 'valibot';
import { OktaDate } from './date.js';

/**
 * An enrolled factor from `GET /api/v1/users/{id}/factors`: its kind (`push`, `sms`,
 * `token:software:totp`, `webauthn`...), provider and status. The profile (a phone number, a
 * device) is left out: it is personal data no check needs.
 */
export const OktaFactor = v.object({
  id: v.string(),
  factorType: v.string(),
  provider: v.nullish(v.string(), null),
  vendorName: v.nullish(v.string(), null),
  // `ACTIVE`, `PENDING_ACTIVATION`, `NOT_SETUP`, `INACTIVE`, `EXPIRED`...
  status: v.string(),
  created: v.nullish(OktaDate, null),
  lastUpdated: v.nullish(OktaDate, null),
});

/** An enrolled factor, as validated. */
export type OktaFactor = v.InferOutput<typeof OktaFactor>;

/** A user's factors: one bare array, no paging. */
export const OktaFactorList = v.array(OktaFactor);
