import * as v from 'valibot';
import { dropKeys, optionalBoolean, optionalString } from './common.js';

/** Keys of an SSO application that hold certificates and private keys: dropped before validation. */
export const APPLICATION_SECRET_KEYS = ['config'] as const;

/** SSO settings of an application (dates only; the certificates live in the dropped `config`). */
export const ApplicationSso = v.looseObject({
  type: optionalString,
  idpCertExpirationAt: optionalString,
  idpCertificateUpdatedAt: optionalString,
  idpPrivateKeyUpdatedAt: optionalString,
  spCertificateUpdatedAt: optionalString,
  jit: optionalBoolean,
  beta: optionalBoolean,
  hidden: optionalBoolean,
});

/**
 * An SSO application (`GET /api/applications`, v1 `application`). Its `config` object (IdP
 * certificate and private key, SP certificate) is removed before validation: it is never kept,
 * returned, copied into `raw` or described in an error.
 */
export const Application = v.pipe(
  v.unknown(),
  dropKeys(APPLICATION_SECRET_KEYS),
  v.looseObject({
    _id: v.string(),
    name: optionalString,
    displayName: optionalString,
    displayLabel: optionalString,
    description: optionalString,
    active: optionalBoolean,
    beta: optionalBoolean,
    ssoUrl: optionalString,
    learnMore: optionalString,
    organization: optionalString,
    created: optionalString,
    sso: v.nullish(ApplicationSso),
  }),
);

/** A validated SSO application, without its `config`. */
export type Application = v.InferOutput<typeof Application>;
