import { ConfigError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { portalName } from './config.js';
import { createHexnodeConnector } from './connector.js';

const { resolveConfig } = createHexnodeConnector;
const normalizePortal = (input: string) =>
  resolveConfig({ apiKey: 'k', portal: input, baseUrl: undefined }).portal;

describe('portal', () => {
  it.each([
    ['myportal', 'myportal'],
    ['  MyPortal ', 'myportal'],
    ['my-portal-2', 'my-portal-2'],
    ['myportal.hexnodemdm.com', 'myportal'],
    ['myportal.hexnodemdm.com/', 'myportal'],
    ['https://myportal.hexnodemdm.com/', 'myportal'],
    ['https://myportal.hexnodemdm.com', 'myportal'],
    ['HTTPS://MyPortal.HexnodeMDM.com/login#/dashboard', 'myportal'],
    ['http://myportal.hexnodemdm.com/', 'myportal'],
    ['https://myportal.hexnodemdm.com./', 'myportal'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePortal(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '-portal',
    'portal-',
    'my_portal',
    'my portal',
    'a.b.hexnodemdm.com',
    'myportal.hexnodemdm.com.evil.com',
    'evil.com/myportal.hexnodemdm.com',
    'https://evil.com/?x=.hexnodemdm.com',
    'https://user:pass@myportal.hexnodemdm.com/',
    'https://myportal.hexnodemdm.com:8443/',
    'ftp://myportal.hexnodemdm.com/',
    'hexnodemdm.com',
    'https://hexnodemdm.com/',
    'x'.repeat(64),
  ])('rejects %j with a ConfigError', (input) => {
    expect(() => normalizePortal(input)).toThrow(ConfigError);
  });

  it('says what is wrong with the field, and where to find the portal name', () => {
    expect(() => normalizePortal('evil.com')).toThrow(
      expect.objectContaining({
        vendor: 'hexnode',
        message:
          'Hexnode config: portal must be the portal name (myportal) or its URL (https://myportal.hexnodemdm.com/): give the portal name, such as acme for https://acme.hexnodemdm.com/, or that URL',
      }),
    );
    expect(portalName('   ')).toEqual({ problem: 'is required' });
  });

  it('does not echo the rejected value', () => {
    try {
      normalizePortal('sk_live_secret/not-a-portal');
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('sk_live_secret');
      expect((error as ConfigError).userAction).toBe('fix_config');
    }
  });
});

describe('resolveConfig', () => {
  it('builds the portal base URL and fills defaults', () => {
    const config = resolveConfig({ apiKey: ' key-123 ', portal: 'https://acme.hexnodemdm.com/' });
    expect(config).toEqual({
      apiKey: 'key-123',
      portal: 'acme',
      baseUrl: 'https://acme.hexnodemdm.com/api/v1/',
      pageSize: 100,
      concurrency: 4,
      limits: { perMinute: {}, perDay: {} },
    });
    expect(createHexnodeConnector({ apiKey: 'k', portal: 'acme' }).name).toBe('acme');
  });

  it('takes name, pageSize, concurrency, maxItems, managedDevices and limit overrides', () => {
    const config = resolveConfig({
      apiKey: 'k',
      portal: 'acme',
      name: 'Acme MDM',
      pageSize: 250,
      concurrency: 2,
      maxItems: 500,
      managedDevices: 40,
      limits: { perMinute: { limit: 30, intervalMs: 300 }, perDay: { limit: 500 } },
    });
    expect(config.name).toBe('Acme MDM');
    expect(config.pageSize).toBe(250);
    expect(config.concurrency).toBe(2);
    expect(config.maxItems).toBe(500);
    expect(config.managedDevices).toBe(40);
    expect(config.limits.perMinute).toEqual({ limit: 30, intervalMs: 300 });
    expect(config.limits.perDay).toEqual({ limit: 500 });
  });

  it('uses an explicit baseUrl as given, adding the trailing slash', () => {
    expect(
      resolveConfig({ apiKey: 'k', portal: 'sandbox', baseUrl: 'http://127.0.0.1:4010/api/v1' })
        .baseUrl,
    ).toBe('http://127.0.0.1:4010/api/v1/');
    expect(
      resolveConfig({ apiKey: 'k', portal: 'acme', baseUrl: 'https://proxy.internal/hexnode/' })
        .baseUrl,
    ).toBe('https://proxy.internal/hexnode/');
  });

  it.each([
    'http://proxy.internal/api/v1/',
    'https://user:pw@proxy.internal/',
    'https://proxy.internal/?x=1',
    'not a url',
    '/api/v1/',
  ])('rejects baseUrl %j', (baseUrl) => {
    expect(() => resolveConfig({ apiKey: 'k', portal: 'acme', baseUrl })).toThrow(ConfigError);
  });

  it.each([
    [{ apiKey: '', portal: 'acme' }],
    [{ apiKey: '   ', portal: 'acme' }],
    [{ apiKey: 'two words', portal: 'acme' }],
    [{ apiKey: 'line\nbreak', portal: 'acme' }],
    [{ portal: 'acme' }],
    [{ apiKey: 'k', portal: 'evil.com' }],
    [{ apiKey: 'k', portal: 'acme', pageSize: 0 }],
    [{ apiKey: 'k', portal: 'acme', pageSize: 2.5 }],
    [{ apiKey: 'k', portal: 'acme', pageSize: 5000 }],
    [{ apiKey: 'k', portal: 'acme', managedDevices: -1 }],
    [{ apiKey: 'k', portal: 'acme', limits: { perMinute: { limit: 0 } } }],
    [{ apiKey: 'k', portal: 'acme', concurrency: 0 }],
    [{ apiKey: 'k', portal: 'acme', maxItems: 0 }],
    [{ apiKey: 'k', portal: 'acme', name: '  ' }],
  ])('rejects %j with a ConfigError naming the vendor', (config) => {
    expect(() => resolveConfig(config as never)).toThrow(ConfigError);
    expect(() => resolveConfig(config as never)).toThrow(
      expect.objectContaining({
        vendor: 'hexnode',
        message: expect.stringMatching(/^Hexnode config: /),
      }),
    );
  });

  it('words a missing key and a bad page size with what to do in the Hexnode console', () => {
    expect(() => resolveConfig({ portal: 'acme' } as never)).toThrow(
      'Hexnode config: apiKey is required: copy the API key from Admin › General Settings › API',
    );
    expect(() => resolveConfig({ apiKey: 'k', portal: 'acme', pageSize: 5000 })).toThrow(
      'Hexnode config: pageSize must be at most 1000',
    );
  });

  it('never puts the API key in a config error', () => {
    try {
      resolveConfig({ apiKey: 'hx-canary-7f3a key with spaces', portal: 'acme' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('canary');
    }
  });
});

describe('unknown options', () => {
  it('refuses a mistyped option with ConfigError naming the nearest valid one', () => {
    for (const [options, message] of [
      [{ pagesize: 100 }, 'unknown option "pagesize"; did you mean "pageSize"?'],
      [{ limits: { perDay: { perDevise: 5 } } }, 'did you mean "limits.perDay.perDevice"?'],
      [{ timeout: { perAtemptMs: 5 } }, 'did you mean "timeout.perAttemptMs"?'],
    ] as const) {
      expect(() =>
        createHexnodeConnector({ apiKey: 'k', portal: 'acme', ...options } as never),
      ).toThrow(message);
    }
  });
});
