import {
  AuthenticationError,
  ConfigError,
  PermissionError,
  RateLimitError,
} from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { areaOf, createErrorMapper, vendorMessage } from './map-error.js';

/** An error context as core builds it; `retryAfterMs` is core's reading of `Retry-After`. */
const ctx = (
  status: number,
  body: unknown,
  endpoint = 'GET /api/systemusers',
  headers = new Headers(),
) => {
  const retryAfter = headers.get('retry-after');
  return {
    status,
    body,
    bodyText: JSON.stringify(body),
    headers,
    endpoint,
    retryAfterMs: retryAfter === null ? undefined : Number(retryAfter) * 1000,
  };
};

describe('createErrorMapper', () => {
  const withOrg = createErrorMapper({ orgId: '5a1b2c3d4e5f6a7b8c9d0e1f', auth: 'apiKey' });
  const withoutOrg = createErrorMapper({ orgId: undefined, auth: 'apiKey' });

  it('turns a 403 "blocked" into a RateLimitError with Retry-After', () => {
    const error = withOrg(
      ctx(
        403,
        { message: 'Forbidden', error: 'blocked for abuse' },
        'GET /api/systems',
        new Headers({ 'retry-after': '30' }),
      ),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
  });

  it('names the console area on other 403s', () => {
    const error = withOrg(
      ctx(
        403,
        { code: 403, message: 'Forbidden', status: 'Forbidden' },
        'GET /api/v2/authn/policies',
      ),
    );
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('Conditional Access Policies (read)');
  });

  it('a 401 about the org for an admin without orgId is a ConfigError; another 401 says what to do, without the vendor text', () => {
    expect(
      withoutOrg(
        ctx(401, { message: 'Unauthorized: x-org-id is required for multi-tenant administrators' }),
      ),
    ).toBeInstanceOf(ConfigError);
    const key = withoutOrg(ctx(401, { message: 'Unauthorized: bad key jca_SECRETVALUE' }));
    expect(key).toBeInstanceOf(AuthenticationError);
    expect(key?.message).toMatch(/API key.*My API Key/);
    expect(key?.message).not.toContain('SECRETVALUE');
    const account = createErrorMapper({ orgId: undefined, auth: 'serviceAccount' })(
      ctx(401, { error: 'invalid_token' }),
    );
    expect(account?.message).toMatch(/service account.*Settings › Service Accounts/);
    expect(withOrg(ctx(401, { message: 'Unauthorized' }))).toBeInstanceOf(AuthenticationError);
  });

  it('a 400/404 about the org is a ConfigError only where the header was sent', () => {
    expect(withOrg(ctx(404, { message: 'Not Found: organization not found' }))).toBeInstanceOf(
      ConfigError,
    );
    expect(
      withOrg(ctx(404, { message: 'organization not found' }, 'GET /api/organizations/x')),
    ).toBeUndefined();
    expect(withoutOrg(ctx(404, { message: 'organization not found' }))).toBeUndefined();
  });

  it('leaves 5xx and 429 to core', () => {
    expect(withOrg(ctx(500, { message: 'boom' }))).toBeUndefined();
    expect(withOrg(ctx(429, { message: 'Too Many Requests' }))).toBeUndefined();
  });
});

describe('helpers', () => {
  it('reads both error body shapes and shortens raw text', () => {
    expect(vendorMessage({ message: 'Forbidden', error: 'nope' }, '')).toBe('Forbidden: nope');
    expect(vendorMessage({ code: 400, message: 'bad', status: 'Bad Request' }, '')).toBe('bad');
    expect(vendorMessage(undefined, 'x'.repeat(300))).toHaveLength(201);
    expect(areaOf('POST /insights/directory/v1/events')).toBe('Directory Insights');
    expect(areaOf('GET /api/elsewhere')).toBe('this resource');
  });
});
