import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { specSamples } from '../../test/fixtures/spec-samples.js';
import { specSamplesV2 } from '../../test/fixtures/spec-samples-v2.js';
import { jumpCloudAccountStatus } from '../accounts.js';
import { Administrator } from './administrator.js';
import { AppleMdm, AppleMdmDevice } from './apple-mdm.js';
import { Application } from './application.js';
import { AuthnPolicy, AuthnPolicyEffect } from './authn-policy.js';
import { v1Page, v2Page } from './common.js';
import { DirectoryEvent } from './event.js';
import { GraphConnection, GraphObjectWithPaths } from './graph.js';
import { Organization, OrganizationDetail } from './organization.js';
import { Policy, PolicyStatus, PolicyTemplate, PolicyValue, PolicyWithDetails } from './policy.js';
import { JcSystem } from './system.js';
import * as Insights from './system-insights.js';
import { SystemUser } from './user.js';
import { UserGroup } from './user-group.js';

const sample = (name: string): Record<string, unknown> => {
  const s = specSamples[name];
  if (s === undefined) throw new Error(`no spec sample ${name}`);
  return structuredClone(s);
};

describe('schemas accept the spec definitions', () => {
  it.each([
    ['systemuserreturn', SystemUser],
    ['JcSystem', JcSystem],
    ['organizationslistItem', Organization],
    ['organization', OrganizationDetail],
    ['UserGroup', UserGroup],
    ['GraphConnection', GraphConnection],
    ['GraphObjectWithPaths', GraphObjectWithPaths],
    ['Policy', Policy],
    ['PolicyResult', PolicyStatus],
    ['AuthnPolicy', AuthnPolicy],
    ['PolicyTemplateExample', PolicyTemplate],
    ['application', Application],
    ['userreturn', Administrator],
  ] as const)('%s', (name, schema) => {
    const result = v.safeParse(schema as v.GenericSchema, sample(name));
    expect(result.issues).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it.each([
    ['AppleMDM', AppleMdm],
    ['apple-mdm-device', AppleMdmDevice],
    ['PolicyWithDetails', PolicyWithDetails],
    ['system-insights-disk-encryption', Insights.InsightsDiskEncryption],
    ['system-insights-bitlocker-info', Insights.InsightsBitlockerInfo],
    ['system-insights-os-version', Insights.InsightsOsVersion],
    ['system-insights-apps', Insights.InsightsApp],
    ['system-insights-programs', Insights.InsightsProgram],
    ['system-insights-patches', Insights.InsightsPatch],
    ['system-insights-users', Insights.InsightsUser],
    ['system-insights-logged-in-users', Insights.InsightsLoggedInUser],
  ] as const)('%s (v2)', (name, schema) => {
    const result = v.safeParse(schema as v.GenericSchema, structuredClone(specSamplesV2[name]));
    expect(result.issues).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('drops a policy value JumpCloud marks sensitive, keeps the others', () => {
    const detail = v.parse(PolicyWithDetails, {
      id: 'p1',
      name: 'FileVault',
      values: [
        { configFieldID: 'f1', sensitive: false, value: '15' },
        { configFieldID: 'f2', sensitive: true, value: 'pw-SECRET' },
      ],
    });
    expect(detail.values).toEqual([
      { configFieldID: 'f1', sensitive: false, value: '15' },
      { configFieldID: 'f2', sensitive: true },
    ]);
    // valibot issues carry inputs (the value object too): the secret must not be among them.
    const bad = v.safeParse(PolicyValue, { sensitive: true, value: 'pw-SECRET' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.issues)).not.toContain('pw-SECRET');
  });

  it('accepts every AuthnPolicyEffect x-example', () => {
    for (const example of Object.values(sample('AuthnPolicyEffectExamples'))) {
      expect(v.safeParse(AuthnPolicyEffect, example).success).toBe(true);
    }
  });

  it('keeps the fields a posture scan reads from organization settings', () => {
    const org = v.parse(OrganizationDetail, sample('organization'));
    expect(org.settings?.requireAdminMFA).toBe(true);
    expect(org.settings?.passwordPolicy?.minLength).toBe(0);
    expect(org.settings?.passwordPolicy?.lockoutTimeInSeconds).toBe(300);
    expect(org.settings?.passwordPolicy?.disallowCommonlyUsedPasswords).toBe(true);
  });

  it('keeps fields the vendor adds (loose objects)', () => {
    const user = v.parse(SystemUser, { ...sample('systemuserreturn'), newVendorField: 42 });
    expect(user.newVendorField).toBe(42);
    expect(user.addresses).toEqual(sample('systemuserreturn').addresses);
  });
});

describe('SystemUser', () => {
  const base = { _id: '5f1b1b1b1b1b1b1b1b1b1b1b', email: 'Ada@Example.com', state: 'ACTIVATED' };

  it('accepts a user without mfa or mfaEnrollment', () => {
    const user = v.parse(SystemUser, base);
    expect(user.mfa).toBeUndefined();
    expect(user.mfaEnrollment).toBeUndefined();
  });

  it('accepts null mfa and null dates', () => {
    const user = v.parse(SystemUser, {
      ...base,
      mfa: null,
      password_date: null,
      account_locked_date: null,
    });
    expect(user.mfa).toBeNull();
  });

  it('keeps a state JumpCloud adds later instead of failing the sync, and maps it by the flags', () => {
    const user = v.parse(SystemUser, { ...base, state: 'LOCKED_OUT', suspended: true });
    expect(user.state).toBe('LOCKED_OUT');
    expect(jumpCloudAccountStatus(user)).toBe('suspended');
    expect(
      jumpCloudAccountStatus(v.parse(SystemUser, { ...base, state: 'NEW', activated: true })),
    ).toBe('active');
  });

  it('accepts an unknown MFA enrolment status', () => {
    const user = v.parse(SystemUser, { ...base, mfaEnrollment: { overallStatus: 'NEW_STATUS' } });
    expect(user.mfaEnrollment?.overallStatus).toBe('NEW_STATUS');
  });

  it('rejects a state that is not a string and a missing id', () => {
    expect(v.safeParse(SystemUser, { ...base, state: 42 }).success).toBe(false);
    expect(v.safeParse(SystemUser, { email: 'a@b.c' }).success).toBe(false);
  });
});

describe('Application drops config at parse time', () => {
  const MARKER = '-----BEGIN PRIVATE KEY-----MARKER';
  const withSecret = () => {
    const app = sample('application');
    app.config = { idpPrivateKey: { value: MARKER }, idpCertificate: { value: MARKER } };
    return app;
  };

  it('never keeps config', () => {
    const app = v.parse(Application, withSecret());
    expect('config' in app).toBe(false);
    expect(JSON.stringify(app)).not.toContain('MARKER');
    expect(app.sso?.idpCertExpirationAt).toBe('2019-08-24T14:15:22Z');
  });

  it('never describes config in validation issues', () => {
    const bad = withSecret();
    delete bad._id;
    const result = v.safeParse(Application, bad);
    expect(result.success).toBe(false);
    // valibot issues carry inputs (the parent object too): config must not be among them.
    expect(JSON.stringify(result.issues)).not.toContain('MARKER');
  });

  it('drops config inside a v1 page too', () => {
    const page = v.parse(v1Page(Application), { totalCount: 1, results: [withSecret()] });
    expect(JSON.stringify(page)).not.toContain('MARKER');
  });
});

describe('Administrator', () => {
  it('drops the API key hash', () => {
    const admin = v.parse(Administrator, sample('userreturn'));
    expect('apiKeyHash' in admin).toBe(false);
    expect(admin.apiKeySet).toBe(true);
  });
});

describe('pages', () => {
  it('parses a v1 envelope and a v2 bare array', () => {
    expect(
      v.parse(v1Page(Organization), { totalCount: 2, results: [{ _id: 'a' }, { _id: 'b' }] })
        .results,
    ).toHaveLength(2);
    expect(v.parse(v2Page(UserGroup), [{ id: 'g', name: 'Eng' }])).toHaveLength(1);
    expect(v.safeParse(v2Page(UserGroup), { results: [] }).success).toBe(false);
  });
});

describe('DirectoryEvent', () => {
  it('parses a directory event and keeps its extra fields', () => {
    const event = v.parse(DirectoryEvent, {
      id: '5e1f2a3b4c5d6e7f8a9b0c1d',
      event_type: 'user_create',
      service: 'directory',
      timestamp: '2020-01-15T12:00:00.000Z',
      organization: '5a1b2c3d4e5f6a7b8c9d0e1f',
      success: true,
      client_ip: '192.0.2.10',
      initiated_by: { id: 'adm', type: 'admin', email: 'admin@example.com' },
      resource: { id: 'u1', type: 'user', username: 'ada' },
      '@version': '1',
      geoip: { country_code: 'US' },
    });
    expect(event['@version']).toBe('1');
    expect(event.initiated_by?.email).toBe('admin@example.com');
  });
});
