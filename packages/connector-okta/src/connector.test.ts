import { AuthenticationError, ConfigError, PermissionError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { mapOktaError } from './errors/map-error.js';
import {
  createOktaConnector,
  oktaAccountStatus,
  oktaRateLimitBucket,
  toOktaAccount,
} from './index.js';

const TOKEN = '00abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const configError = (o: object) => {
  try {
    createOktaConnector(o as never);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).not.toContain(TOKEN);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('createOktaConnector config', () => {
  it('takes an org URL on okta.com, oktapreview.com or okta-emea.com, and names the org', () => {
    for (const [url, org, domain] of [
      ['acme.okta.com', 'acme', 'okta.com'],
      ['https://acme-test.oktapreview.com/', 'acme-test', 'oktapreview.com'],
      ['https://acme.okta-emea.com/api/v1', 'acme', 'okta-emea.com'],
    ] as const) {
      const okta = createOktaConnector({ orgUrl: url, apiToken: TOKEN });
      expect(okta.org).toBe(org);
      expect(okta.domain).toBe(domain);
      expect(okta.identity).toEqual({ vendor: 'okta', host: `${org}.${domain}`, tenant: org });
      expect(okta.name).toBe(org);
    }
  });

  it('refuses other hosts, the admin console and http, and says where the custom domain goes', () => {
    expect(configError({ orgUrl: 'https://acme.example.com', apiToken: TOKEN })).toMatch(
      /orgUrl must be a \*\.okta\.com.*customDomain/,
    );
    expect(configError({ orgUrl: 'https://acme-admin.okta.com', apiToken: TOKEN })).toMatch(
      /admin console; the org URL is https:\/\/acme\.okta\.com/,
    );
    expect(configError({ orgUrl: 'http://acme.okta.com', apiToken: TOKEN })).toMatch(/https/);
    expect(configError({ orgUrl: 'https://evil.okta.com.attacker.test', apiToken: TOKEN })).toMatch(
      /orgUrl/,
    );
  });

  it('takes an explicit custom domain, its host the tenant', () => {
    const okta = createOktaConnector({ customDomain: 'https://login.acme.com', apiToken: TOKEN });
    expect(okta.domain).toBe('custom');
    expect(okta.identity.tenant).toBe('login.acme.com');
    expect(JSON.stringify(okta)).toContain('https://login.acme.com/api/v1/');
  });

  it('needs exactly one credential; a token pasted with its scheme is refused without quoting it', () => {
    expect(configError({ orgUrl: 'acme.okta.com' })).toMatch(/apiToken is required/);
    expect(
      configError({
        orgUrl: 'acme.okta.com',
        apiToken: TOKEN,
        serviceApp: { clientId: '0oa1', privateKey: 'k' },
      }),
    ).toMatch(/give one/);
    expect(configError({ orgUrl: 'acme.okta.com', apiToken: `SSWS ${TOKEN}` })).toMatch(
      /without spaces/,
    );
    expect(
      configError({
        orgUrl: 'acme.okta.com',
        serviceApp: { clientId: '0oa1', privateKey: 'not a key' },
      }),
    ).toMatch(/private key/i);
  });
});

describe('Okta errors, statuses and buckets', () => {
  const ctx = (status: number, body: unknown, endpoint = 'GET /api/v1/users') => ({
    status,
    body,
    bodyText: JSON.stringify(body),
    headers: new Headers(),
    endpoint,
    retryAfterMs: undefined,
  });

  it('maps E0000011 to AuthenticationError and E0000006 to PermissionError naming the scope', () => {
    const auth = mapOktaError(
      ctx(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' }),
    );
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect(auth?.message).toContain('Okta said (E0000011): Invalid token provided');
    const denied = mapOktaError(
      ctx(
        403,
        { errorCode: 'E0000006', errorSummary: 'You do not have permission' },
        'GET /api/v1/groups',
      ),
    );
    expect(denied).toBeInstanceOf(PermissionError);
    expect((denied as PermissionError).permission).toBe('okta.groups.read');
    // 429 (E0000047) and 5xx are core's: it waits until X-Rate-Limit-Reset.
    expect(mapOktaError(ctx(429, { errorCode: 'E0000047' }))).toBeUndefined();
  });

  it('maps every lifecycle state', () => {
    expect(
      [
        'STAGED',
        'PROVISIONED',
        'ACTIVE',
        'RECOVERY',
        'PASSWORD_EXPIRED',
        'LOCKED_OUT',
        'SUSPENDED',
        'DEPROVISIONED',
      ].map((s) => oktaAccountStatus(s as never)),
    ).toEqual([
      'pending',
      'pending',
      'active',
      'active',
      'active',
      'active',
      'suspended',
      'archived',
    ]);
  });

  it('reads the email at profile.email; an absent one is drift, a null one no account', () => {
    const user = {
      id: '00u1',
      status: 'ACTIVE' as const,
      created: new Date(0),
      activated: null,
      statusChanged: null,
      lastLogin: new Date(1000),
      lastUpdated: new Date(0),
      passwordChanged: null,
      type: null,
      credentials: null,
      profile: {
        login: 'a@x.test',
        email: ' A@x.test ',
        firstName: 'A',
        lastName: 'B',
        displayName: null,
        secondEmail: null,
        department: null,
        title: null,
        employeeNumber: '7',
        manager: null,
        managerId: null,
      },
    };
    expect(toOktaAccount(user, 'c')).toMatchObject({
      email: 'a@x.test',
      name: 'A B',
      lastLoginAt: new Date(1000),
      externalId: '7',
    });
    expect(
      toOktaAccount({ ...user, profile: { ...user.profile, email: null } }, 'c'),
    ).toBeUndefined();
    expect(
      toOktaAccount({ ...user, profile: { ...user.profile, email: undefined } }, 'c'),
    ).toMatchObject({ field: 'profile.email' });
  });

  it('counts per endpoint family, ids left out', () => {
    expect(
      oktaRateLimitBucket({ method: 'GET', path: '/api/v1/users/00u1ero7vZFVEIYLWPBN/factors' }),
    ).toBe('GET /api/v1/users/{id}/factors');
    expect(oktaRateLimitBucket({ method: 'GET', path: '/api/v1/users' })).toBe('GET /api/v1/users');
  });
});
