import { ConfigError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { normalizePortal, resolveConfig } from './config.js';

describe('normalizePortal', () => {
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
      name: 'acme',
      baseUrl: 'https://acme.hexnodemdm.com/api/v1/',
      perPage: 100,
      managedDevices: undefined,
      limits: {
        perMinute: { limit: 30, intervalMs: 60_000 },
        perDay: { limit: undefined, perDevice: 10, intervalMs: 86_400_000 },
        concurrency: 4,
        maxWaitMs: 60_000,
      },
    });
  });

  it('takes name, perPage, managedDevices and limit overrides', () => {
    const config = resolveConfig({
      apiKey: 'k',
      portal: 'acme',
      name: 'Acme MDM',
      perPage: 250,
      managedDevices: 40,
      limits: { perMinute: { limit: 30, intervalMs: 300 }, perDay: { limit: 500 }, concurrency: 2 },
    });
    expect(config.name).toBe('Acme MDM');
    expect(config.perPage).toBe(250);
    expect(config.managedDevices).toBe(40);
    expect(config.limits.perMinute).toEqual({ limit: 30, intervalMs: 300 });
    expect(config.limits.perDay).toEqual({ limit: 500, perDevice: 10, intervalMs: 86_400_000 });
    expect(config.limits.concurrency).toBe(2);
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
    [{ apiKey: 'k', portal: 'acme', perPage: 0 }],
    [{ apiKey: 'k', portal: 'acme', perPage: 2.5 }],
    [{ apiKey: 'k', portal: 'acme', perPage: 5000 }],
    [{ apiKey: 'k', portal: 'acme', managedDevices: -1 }],
    [{ apiKey: 'k', portal: 'acme', limits: { perMinute: { limit: 0 } } }],
    [{ apiKey: 'k', portal: 'acme', limits: { concurrency: 0 } }],
    [{ apiKey: 'k', portal: 'acme', name: '  ' }],
  ])('rejects %j', (config) => {
    expect(() => resolveConfig(config as never)).toThrow(ConfigError);
  });

  it('never puts the API key in a config error', () => {
    try {
      resolveConfig({ apiKey: 'secret key with spaces', portal: 'acme' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
