import * as v from 'valibot';

/** Okta's error body: `errorCode` (`E0000011`), `errorSummary` (untrusted text), causes. */
export const OktaErrorBody = v.looseObject({
  errorCode: v.string(),
  errorSummary: v.optional(v.string()),
  errorLink: v.optional(v.string()),
  errorId: v.optional(v.string()),
  errorCauses: v.optional(v.array(v.looseObject({ errorSummary: v.optional(v.string()) }))),
});

/** Okta's error body, as validated. */
export type OktaErrorBody = v.InferOutput<typeof OktaErrorBody>;
