import { ConfigError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { type JumpCloudConfig, resolveConfig } from './config.js';

const KEY = 'jca_0123456789abcdefSECRET';

const fails = (config: JumpCloudConfig, message: RegExp) => {
  let error: unknown;
  try {
    resolveConfig(config);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toMatch(message);
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
    expect(c.name).toMatch(/^jumpcloud:[0-9a-f]{12}$/);
    expect(resolveConfig({ apiKey: `${KEY}x` }).name).not.toBe(c.name);
    expect(resolveConfig({ apiKey: KEY, orgId: 'org1' }).name).toBe('jumpcloud:org1');
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
      /set tokenUrl/,
    );
    const c = resolveConfig({
      serviceAccount: { clientId: 'id', clientSecret: 'SECRET' },
      region: 'in',
      tokenUrl: 'https://admin-oauth.id.in.jumpcloud.com/oauth2/token',
    });
    expect(c.credentials.kind).toBe('serviceAccount');
  });

  it('requires exactly one credential', () => {
    fails({}, /exactly one of apiKey or serviceAccount/);
    fails(
      { apiKey: KEY, serviceAccount: { clientId: 'a', clientSecret: 'SECRET' } },
      /exactly one/,
    );
    fails({ apiKey: '  ' }, /apiKey is empty/);
    fails({ apiKey: 'abc SECRET' }, /apiKey contains whitespace/);
    fails({ serviceAccount: { clientId: 'a', clientSecret: '' } }, /clientSecret is empty/);
  });

  it('keeps orgId when given, never empty', () => {
    const c = resolveConfig({ apiKey: KEY, orgId: ' 5a1b2c3d4e5f6a7b8c9d0e1f ' });
    expect(c.orgId).toBe('5a1b2c3d4e5f6a7b8c9d0e1f');
    expect(c.name).toBe('jumpcloud:5a1b2c3d4e5f6a7b8c9d0e1f');
    fails({ apiKey: KEY, orgId: '' }, /orgId is empty/);
    fails({ apiKey: KEY, orgId: '   ' }, /orgId is empty/);
    fails({ apiKey: KEY, orgId: 'abc\r\nx-evil: 1' }, /orgId must be/);
  });

  it('rejects an unknown region and a blank name', () => {
    fails({ apiKey: KEY, region: 'au' as never }, /region must be one of us, eu, in/);
    fails({ apiKey: KEY, name: ' ' }, /name must be/);
    expect(resolveConfig({ apiKey: KEY, name: 'Acme prod' }).name).toBe('Acme prod');
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
    fails({ apiKey: KEY, baseUrl: 'http://proxy.example.com' }, /must use https/);
    fails(
      { apiKey: KEY, baseUrl: 'https://u:p@proxy.example.com' },
      /must not contain credentials/,
    );
    fails({ apiKey: KEY, baseUrl: 'https://proxy.example.com/?x=1' }, /query or fragment/);
    fails({ apiKey: KEY, baseUrl: 'not a url' }, /not a valid URL/);
  });
});
