import { ConfigError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { createKandjiConnector } from './connector.js';

const resolveKandjiConfig = createKandjiConnector.resolveConfig;

const apiToken = 'tok-0123456789abcdef';

describe('createKandjiConnector.resolveConfig', () => {
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
      pageSize: 300,
      concurrency: 4,
      limits: {},
    });
    expect(createKandjiConnector({ apiToken, apiUrl }).name).toBe('acme');
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
      pageSize: 300,
      concurrency: 4,
      limits: {},
    });
    // No tenant in the host: the default name is still unique per token.
    const sandbox = createKandjiConnector({ apiToken, baseUrl: 'http://127.0.0.1:4010' });
    expect(sandbox.name).toMatch(/^kandji-[0-9a-f]{12}$/);
    expect(
      createKandjiConnector({ apiToken: `${apiToken}x`, baseUrl: 'http://127.0.0.1:4010' }).name,
    ).not.toBe(sandbox.name);
    // The tenant is the host: a rotated token reads the same tenant, so its snapshot still fits.
    expect(sandbox.identity).toEqual({
      vendor: 'kandji',
      host: '127.0.0.1:4010',
      tenant: '127.0.0.1:4010',
    });
    expect(
      createKandjiConnector({ apiToken: `${apiToken}x`, baseUrl: 'http://127.0.0.1:4010' })
        .identity,
    ).toEqual(sandbox.identity);
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
    [`Bearer ${apiToken}`, /bare secret/],
    [`${apiToken}\nX-Evil: 1`, /control character/],
    [`${apiToken}\u0000`, /control character/],
    [`${apiToken}é`, /non-ASCII/],
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

  it('words every error "Kandji config: <field> <problem>: <what to do>" and carries the vendor', () => {
    try {
      resolveKandjiConfig({ apiToken: '', apiUrl: 'acme.api.kandji.io' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ vendor: 'kandji' });
      expect((error as Error).message).toBe(
        'Kandji config: apiToken is required: add one in Kandji Settings > Access > API Token and paste the token alone',
      );
    }
    expect(() => resolveKandjiConfig({ apiToken, apiUrl: 'acme.kandji.io' })).toThrow(
      /^Kandji config: apiUrl is the web console.*: copy the API URL from Kandji Settings > Access/,
    );
    expect(() =>
      resolveKandjiConfig({ apiToken, apiUrl: 'acme.api.kandji.io', limits: { perHour: 0 } }),
    ).toThrow('Kandji config: limits.perHour must be at least 1: give this connection a share');
  });

  it('trims the name and token', () => {
    expect(
      resolveKandjiConfig({ apiToken: ` ${apiToken} `, apiUrl: 'acme.api.kandji.io', name: ' x ' }),
    ).toMatchObject({ apiToken, name: 'x' });
  });
});

describe('unknown options', () => {
  it('refuses a mistyped option with ConfigError naming the nearest valid one', () => {
    const base = { apiToken: 'token', apiUrl: 'acme.api.kandji.io' };
    expect(() => createKandjiConnector({ ...base, apikey: 'x' } as never)).toThrow(
      'Kandji config: unknown option "apikey"; did you mean "apiToken"?',
    );
    expect(() => createKandjiConnector({ ...base, perPage: 5 } as never)).toThrow(
      'did you mean "pageSize"?',
    );
  });
});
