import { ConfigError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import type { JumpCloudConnectorOptions } from './config.js';
import { createJumpCloudConnector } from './connector.js';

const { resolveConfig } = createJumpCloudConnector;
const nameOf = (o: JumpCloudConnectorOptions) => createJumpCloudConnector(o).name;

const KEY = 'jca_0123456789abcdefSECRET';

const fails = (config: JumpCloudConnectorOptions, message: RegExp) => {
  let error: unknown;
  try {
    resolveConfig(config);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).toMatch(/^JumpCloud config: \S+ .+: .+/);
  expect((error as ConfigError).vendor).toBe('jumpcloud');
  expect((error as Error).message).not.toContain('SECRET');
};

describe('resolveConfig', () => {
  it('defaults to the US hosts and a name unique per credential', () => {
    const c = resolveConfig({ apiKey: ` ${KEY} ` });
    expect(c.credentials).toEqual({ kind: 'apiKey', apiKey: KEY });
    expect(c.region).toBe('us');
    expect(c.consoleBaseUrl).toBe('https://console.jumpcloud.com/');
    expect(c.insightsBaseUrl).toBe('https://api.jumpcloud.com/insights/directory/v1/');
    expect(c.orgId).toBeUndefined();
    expect(c.pageSize).toBe(100);
    const name = nameOf({ apiKey: KEY });
    expect(name).toMatch(/^jumpcloud:[0-9a-f]{12}$/);
    expect(nameOf({ apiKey: `${KEY}x` })).not.toBe(name);
    expect(nameOf({ apiKey: KEY, orgId: 'org1' })).toBe('jumpcloud:org1');
  });

  it('moves every host with baseUrl alone (console, Directory Insights, token endpoint)', () => {
    const c = resolveConfig({
      serviceAccount: { clientId: 'c', clientSecret: 's3cr3t' },
      baseUrl: 'http://127.0.0.1:4010/',
    });
    expect(c.consoleBaseUrl).toBe('http://127.0.0.1:4010/');
    expect(c.insightsBaseUrl).toBe('http://127.0.0.1:4010/insights/directory/v1/');
    expect(c.credentials).toMatchObject({ tokenUrl: 'http://127.0.0.1:4010/oauth2/token' });
  });

  it.each([
    [
      'eu',
      'https://console.eu.jumpcloud.com/',
      'https://api.eu.jumpcloud.com/insights/directory/v1/',
    ],
    [
      'in',
      'https://console.in.jumpcloud.com/',
      'https://api.in.jumpcloud.com/insights/directory/v1/',
    ],
  ] as const)('picks the %s hosts', (region, console, insights) => {
    const c = resolveConfig({ apiKey: KEY, region });
    expect(c.consoleBaseUrl).toBe(console);
    expect(c.insightsBaseUrl).toBe(insights);
  });

  it('uses the regional token URL for a service account', () => {
    const us = resolveConfig({ serviceAccount: { clientId: 'id', clientSecret: 'SECRET' } });
    expect(us.credentials).toEqual({
      kind: 'serviceAccount',
      clientId: 'id',
      clientSecret: 'SECRET',
      tokenUrl: 'https://admin-oauth.id.jumpcloud.com/oauth2/token',
    });
    const eu = resolveConfig({
      serviceAccount: { clientId: 'id', clientSecret: 'SECRET' },
      region: 'eu',
    });
    expect(eu.credentials.kind === 'serviceAccount' && eu.credentials.tokenUrl).toBe(
      'https://admin-oauth.id.eu.jumpcloud.com/oauth2/token',
    );
  });

  it('asks for tokenUrl where JumpCloud publishes none (India)', () => {
    fails(
      { serviceAccount: { clientId: 'id', clientSecret: 'SECRET' }, region: 'in' },
      /tokenUrl is required: JumpCloud publishes none for "in"/,
    );
    const c = resolveConfig({
      serviceAccount: { clientId: 'id', clientSecret: 'SECRET' },
      region: 'in',
      tokenUrl: 'https://admin-oauth.id.in.jumpcloud.com/oauth2/token',
    });
    expect(c.credentials.kind).toBe('serviceAccount');
  });

  it('requires exactly one credential', () => {
    fails({}, /credentials must be exactly one of apiKey or serviceAccount: .*My API Key/);
    fails(
      { apiKey: KEY, serviceAccount: { clientId: 'a', clientSecret: 'SECRET' } },
      /exactly one/,
    );
    fails({ apiKey: '  ' }, /apiKey is required: .*My API Key/);
    fails({ apiKey: 'abc SECRET' }, /apiKey must be the bare secret/);
    fails(
      { serviceAccount: { clientId: 'a', clientSecret: '' } },
      /serviceAccount.clientSecret is required: .*Settings › Service Accounts/,
    );
  });

  it('keeps orgId when given, never empty', () => {
    const c = resolveConfig({ apiKey: KEY, orgId: ' 5a1b2c3d4e5f6a7b8c9d0e1f ' });
    expect(c.orgId).toBe('5a1b2c3d4e5f6a7b8c9d0e1f');
    expect(nameOf({ apiKey: KEY, orgId: c.orgId })).toBe('jumpcloud:5a1b2c3d4e5f6a7b8c9d0e1f');
    fails({ apiKey: KEY, orgId: '' }, /orgId is empty: .*Organization Profile/);
    fails({ apiKey: KEY, orgId: '   ' }, /orgId is empty/);
    fails({ apiKey: KEY, orgId: 'abc\r\nx-evil: 1' }, /orgId must be/);
  });

  it('rejects an unknown region and a blank name', () => {
    fails({ apiKey: KEY, region: 'au' as never }, /region must be one of us, eu, in/);
    fails({ apiKey: KEY, name: ' ' }, /name must not be empty/);
    expect(resolveConfig({ apiKey: KEY, name: 'Acme prod' }).name).toBe('Acme prod');
    fails({ apiKey: KEY, pageSize: 1 }, /pageSize must be at least 2/);
    fails({ apiKey: KEY, pageSize: 101 }, /pageSize must be at most 100/);
    expect(resolveConfig({ apiKey: KEY, maxItems: 5 }).maxItems).toBe(5);
  });

  it('normalises and checks URL overrides', () => {
    const c = resolveConfig({
      apiKey: KEY,
      baseUrl: 'http://127.0.0.1:4010/api',
      insightsBaseUrl: 'http://127.0.0.1:4010/insights/directory/v1',
      serviceAccount: undefined,
    });
    expect(c.consoleBaseUrl).toBe('http://127.0.0.1:4010/');
    expect(c.insightsBaseUrl).toBe('http://127.0.0.1:4010/insights/directory/v1/');
    expect(
      resolveConfig({ apiKey: KEY, baseUrl: 'https://proxy.example.com/jc/api/v2/' })
        .consoleBaseUrl,
    ).toBe('https://proxy.example.com/jc/');
    fails({ apiKey: KEY, baseUrl: 'http://proxy.example.com' }, /baseUrl must use https/);
    fails(
      { apiKey: KEY, baseUrl: 'https://u:p@proxy.example.com' },
      /must not contain a user name or password/,
    );
    fails({ apiKey: KEY, baseUrl: 'https://proxy.example.com/?x=1' }, /query string or fragment/);
    fails({ apiKey: KEY, baseUrl: 'not a url' }, /baseUrl is not a URL/);
    fails({ apiKey: KEY, tokenUrl: 'ftp://x' }, /tokenUrl must use https/);
  });

  it('takes the accounts extras: a bounded lookback and extra raw fields named as users have them', () => {
    expect(resolveConfig({ apiKey: KEY }).accounts).toEqual({ rawFields: [] });
    const c = resolveConfig({
      apiKey: KEY,
      accounts: {
        lastLogin: { lookbackDays: 30 },
        rawFields: ['account_locked', 'password_expired'],
      },
    });
    expect(c.accounts).toEqual({
      lastLogin: { lookbackDays: 30, eventsPerRequest: 1000 },
      rawFields: ['account_locked', 'password_expired'],
    });
    fails(
      { apiKey: KEY, accounts: { rawFields: ['account_locked', 'lastLogin' as 'sudo'] } },
      /^JumpCloud config: accounts\.rawFields\.1 is not a field of a JumpCloud user: name fields of a users\.list\(\) item/,
    );
    fails(
      { apiKey: KEY, accounts: { lastLogin: { lookbackDays: 91 } } },
      /^JumpCloud config: accounts\.lastLogin\.lookbackDays must be at most 90: give lookbackDays from 1 to 90/,
    );
    fails(
      { apiKey: KEY, accounts: { lastLogin: { lookbackDays: 0 } } },
      /accounts\.lastLogin\.lookbackDays must be at least 1/,
    );
    fails(
      { apiKey: KEY, accounts: { lastLogin: {} as { lookbackDays: number } } },
      /accounts\.lastLogin\.lookbackDays is required/,
    );
  });
});

describe('unknown options', () => {
  it('refuses a mistyped option, nested ones included, naming the nearest valid one', () => {
    for (const [options, message] of [
      [{ apiKey: KEY, pagesize: 5 }, 'unknown option "pagesize"; did you mean "pageSize"?'],
      [
        { serviceAccount: { clientID: 'id', clientSecret: 'SECRET' } },
        'did you mean "serviceAccount.clientId"?',
      ],
      [
        { apiKey: KEY, accounts: { lastLogin: { lookback: 30 } } },
        'did you mean "accounts.lastLogin.lookbackDays"?',
      ],
    ] as const) {
      expect(() => resolveConfig(options as never)).toThrow(message);
    }
  });
});
