import { ConfigError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { resolveKandjiConfig } from './config.js';

const apiToken = 'tok-0123456789abcdef';

describe('resolveKandjiConfig', () => {
  it.each([
    'https://acme.api.kandji.io',
    'https://acme.api.kandji.io/',
    'https://acme.api.kandji.io/api/v1',
    'https://acme.api.kandji.io/api/v1/',
    'acme.api.kandji.io',
    'acme.api.kandji.io/api/v1/',
    '  HTTPS://ACME.api.kandji.io/  ',
  ])('normalises %j', (apiUrl) => {
    expect(resolveKandjiConfig({ apiToken, apiUrl })).toEqual({
      apiToken,
      baseUrl: 'https://acme.api.kandji.io/api/v1/',
      tenant: 'acme',
      region: 'us',
      name: 'acme',
    });
  });

  it('recognises the EU region', () => {
    const config = resolveKandjiConfig({ apiToken, apiUrl: 'acme-eu.api.eu.kandji.io/api/v1/' });
    expect(config).toMatchObject({
      baseUrl: 'https://acme-eu.api.eu.kandji.io/api/v1/',
      tenant: 'acme-eu',
      region: 'eu',
    });
  });

  it.each([
    ['http://acme.api.kandji.io', /https/],
    ['https://acme.kandji.io', /web console.*https:\/\/acme\.api\.kandji\.io/],
    ['https://acme.eu.kandji.io', /https:\/\/acme\.api\.eu\.kandji\.io/],
    ['https://acme.api.kandji.io.evil.com', /\*\.api\.kandji\.io/],
    ['https://evil.com/acme.api.kandji.io', /\*\.api\.kandji\.io/],
    ['https://a.b.api.kandji.io', /\*\.api\.kandji\.io/],
    ['https://acme.api.kandji.io:8443', /port/],
    ['https://acme.api.kandji.io/api/v2/', /\/api\/v1\//],
    ['https://acme.api.kandji.io/api/v1/users', /\/api\/v1\//],
    ['https://acme.api.kandji.io/?x=1', /query/],
    ['https://user:pw@acme.api.kandji.io', /password/],
    ['ftp://acme.api.kandji.io', /https/],
    ['https://', /not a URL/],
    ['', /apiUrl is required/],
  ])('rejects apiUrl %j', (apiUrl, message) => {
    expect(() => resolveKandjiConfig({ apiToken, apiUrl })).toThrow(ConfigError);
    expect(() => resolveKandjiConfig({ apiToken, apiUrl })).toThrow(message);
  });

  it('takes an explicit baseUrl on any host and appends /api/v1/', () => {
    expect(resolveKandjiConfig({ apiToken, baseUrl: 'http://127.0.0.1:4010' })).toEqual({
      apiToken,
      baseUrl: 'http://127.0.0.1:4010/api/v1/',
      tenant: undefined,
      region: 'custom',
      name: 'kandji',
    });
    expect(
      resolveKandjiConfig({
        apiToken,
        apiUrl: 'not a kandji url',
        baseUrl: 'https://proxy.internal/kandji/api/v1/',
        name: 'corp',
      }),
    ).toMatchObject({ baseUrl: 'https://proxy.internal/kandji/api/v1/', name: 'corp' });
  });

  it.each([
    'file:///etc/passwd',
    'http://proxy.internal/kandji',
    'http://10.0.0.5:8080',
    'ftp://localhost',
  ])('rejects baseUrl %j (https, or http on loopback only)', (baseUrl) => {
    expect(() => resolveKandjiConfig({ apiToken, baseUrl })).toThrow(ConfigError);
  });

  it.each([
    ['http://localhost:4010/', 'http://localhost:4010/api/v1/'],
    ['http://[::1]:4010/api/', 'http://[::1]:4010/api/v1/'],
    ['https://kandji-proxy.corp.example/', 'https://kandji-proxy.corp.example/api/v1/'],
  ])('accepts baseUrl %j', (baseUrl, expected) => {
    expect(resolveKandjiConfig({ apiToken, baseUrl }).baseUrl).toBe(expected);
  });

  it.each([
    [undefined, /apiToken is required/],
    ['   ', /apiToken is required/],
    [`Bearer ${apiToken}`, /bare token/],
    [`${apiToken}\nX-Evil: 1`, /bare token/],
  ])('rejects apiToken %#', (token, message) => {
    const input = { apiToken: token as string, apiUrl: 'acme.api.kandji.io' };
    expect(() => resolveKandjiConfig(input)).toThrow(message);
  });

  it('never quotes the token in an error', () => {
    const secret = 'sup3r-secret-token';
    for (const input of [
      { apiToken: `Bearer ${secret}`, apiUrl: 'acme.api.kandji.io' },
      { apiToken: secret, apiUrl: `https://acme.kandji.io/${secret}` },
      { apiToken: secret, apiUrl: 'http://acme.api.kandji.io' },
    ]) {
      try {
        resolveKandjiConfig(input);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect(JSON.stringify(error)).not.toContain(secret);
        expect((error as Error).message).not.toContain(secret);
      }
    }
  });

  it('trims the name and token', () => {
    expect(
      resolveKandjiConfig({ apiToken: ` ${apiToken} `, apiUrl: 'acme.api.kandji.io', name: ' x ' }),
    ).toMatchObject({ apiToken, name: 'x' });
  });
});
