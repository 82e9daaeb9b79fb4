import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/errors.js';
import { apiKeyHeader, authorizationHeader, bearer } from './static-auth.js';

const req = () => new Request('https://api.vendor.test/x');

describe('static auth strategies', () => {
  it('authorizationHeader sends the raw key', () => {
    const r = req();
    authorizationHeader('raw-key').authorize(r, {});
    expect(r.headers.get('authorization')).toBe('raw-key');
  });

  it('authorizationHeader with a scheme sends "<scheme> <token>" and holds only the token as secret', () => {
    const strategy = authorizationHeader('00abcSECRETtoken', { scheme: 'SSWS' });
    const r = req();
    strategy.authorize(r, {});
    expect(r.headers.get('authorization')).toBe('SSWS 00abcSECRETtoken');
    // The scheme is no secret: a redactor holding "SSWS 00abc..." would miss the bare token.
    expect(strategy.secrets()).toEqual(['00abcSECRETtoken']);
    expect(JSON.stringify(strategy)).toBe('{"auth":"authorization:SSWS"}');
    expect(() => authorizationHeader('t', { scheme: 'Bad Scheme' })).toThrow(ConfigError);
  });

  it('bearer sends a Bearer token', () => {
    const r = req();
    bearer('tok').authorize(r, {});
    expect(r.headers.get('authorization')).toBe('Bearer tok');
  });

  it('apiKeyHeader sends the key and extra headers unless the request omitted one', () => {
    const strategy = apiKeyHeader('x-api-key', 'k-1', { 'x-org-id': 'org-1' });
    const r = req();
    strategy.authorize(r, {});
    expect(r.headers.get('x-api-key')).toBe('k-1');
    expect(r.headers.get('x-org-id')).toBe('org-1');
    const r2 = req();
    strategy.authorize(r2, { omitHeaders: new Set(['x-org-id']) });
    expect(r2.headers.has('x-org-id')).toBe(false);
    expect(strategy.secrets()).toEqual(['k-1']);
  });

  it('rejects empty secrets and empty extra headers at construction', () => {
    expect(() => bearer('')).toThrow(ConfigError);
    expect(() => authorizationHeader('  ')).toThrow(ConfigError);
    expect(() => apiKeyHeader('x-api-key', 'k', { 'x-org-id': '' })).toThrow(ConfigError);
  });

  it('describes itself without the secret', () => {
    const s = apiKeyHeader('x-api-key', 'very-secret');
    expect(JSON.stringify(s)).not.toContain('very-secret');
    expect(inspect(s)).not.toContain('very-secret');
  });
});
