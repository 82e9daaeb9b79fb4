import { AuthenticationError, PermissionError, RateLimitError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { createHexnodeErrorMapper, hexnodePermissionFor, hexnodeRetryAfter } from './map-error.js';

/** An error context as core builds it; `retryAfterMs` is core's reading of `Retry-After`. */
const ctx = (status: number, body: unknown, retryAfterMs?: number) => ({
  status,
  body,
  bodyText: typeof body === 'string' ? body : JSON.stringify(body ?? ''),
  headers: new Headers(
    retryAfterMs === undefined ? {} : { 'retry-after': `${retryAfterMs / 1000}` },
  ),
  endpoint: 'GET /api/v1/users/',
  retryAfterMs,
});

describe('hexnodeRetryAfter', () => {
  it('reads the DRF throttle sentence from a JSON detail', () => {
    expect(
      hexnodeRetryAfter(
        ctx(429, { detail: 'Request was throttled. Expected available in 57.0 seconds.' }),
      ),
    ).toBe(57_000);
  });

  it('reads it from a plain-text body, rounding fractions up', () => {
    expect(
      hexnodeRetryAfter({
        body: undefined,
        bodyText: 'Request was throttled. Expected available in 1.25 seconds.',
      }),
    ).toBe(1250);
    expect(hexnodeRetryAfter({ body: undefined, bodyText: 'Expected available in 1 second' })).toBe(
      1000,
    );
  });

  it('returns undefined when the body does not say', () => {
    expect(hexnodeRetryAfter(ctx(429, { detail: 'slow down' }))).toBeUndefined();
    expect(hexnodeRetryAfter({ body: undefined, bodyText: '<html>429</html>' })).toBeUndefined();
    expect(hexnodeRetryAfter({ body: undefined, bodyText: '' })).toBeUndefined();
  });
});

describe('createHexnodeErrorMapper', () => {
  const map = createHexnodeErrorMapper({ maxWaitMs: 60_000 });

  it('maps 401 to AuthenticationError: reconnect required', () => {
    const error = map(ctx(401, { detail: 'Invalid token.' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toMatch(/reconnect required/);
    expect(error?.userAction).toBe('reconnect');
    expect(error?.status).toBe(401);
  });

  it('maps a 401 with an HTML or empty body too', () => {
    expect(map(ctx(401, '<html>nope</html>'))).toBeInstanceOf(AuthenticationError);
    expect(map(ctx(401, undefined))).toBeInstanceOf(AuthenticationError);
  });

  it('maps 403 to PermissionError naming "Read Users"', () => {
    const error = map(ctx(403, { detail: 'You do not have permission to perform this action.' }));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('Read Users');
    expect(error?.message).toContain('Read Users');
    expect(error?.userAction).toBe('grant_permission');
  });

  it('names the permission of other resources', () => {
    const error = map({ ...ctx(403, undefined), endpoint: 'GET /api/v1/devicegroups/' });
    expect((error as PermissionError).permission).toBe('Read Device Groups');
    expect(hexnodePermissionFor('GET /api/v1/devices/12/')).toBe('Read Devices');
    expect(hexnodePermissionFor('GET /api/v1/usergroups/3/')).toBe('Read User Groups');
    expect(hexnodePermissionFor('GET /api/v1/users/')).toBe('Read Users');
  });

  it('treats a 403 that refuses the key itself as AuthenticationError', () => {
    expect(map(ctx(403, { detail: 'Invalid token.' }))).toBeInstanceOf(AuthenticationError);
    expect(
      map(ctx(403, { detail: 'Authentication credentials were not provided.' })),
    ).toBeInstanceOf(AuthenticationError);
  });

  it('leaves a short 429 to the retry logic', () => {
    expect(
      map(ctx(429, { detail: 'Request was throttled. Expected available in 57.0 seconds.' })),
    ).toBeUndefined();
    expect(map(ctx(429, {}, 30_000))).toBeUndefined();
  });

  it('fails fast with a quota RateLimitError when the wait is the daily quota', () => {
    const error = map(
      ctx(429, { detail: 'Request was throttled. Expected available in 3600.0 seconds.' }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
  });

  it('prefers the Retry-After wait over the sentence', () => {
    const error = map(
      ctx(429, { detail: 'Request was throttled. Expected available in 5.0 seconds.' }, 7_200_000),
    );
    expect((error as RateLimitError).retryAfterMs).toBe(7_200_000);
  });

  it('returns undefined for what the core maps by default', () => {
    expect(map(ctx(404, { detail: 'usergroup not found' }))).toBeUndefined();
    expect(map(ctx(500, '<html>oops</html>'))).toBeUndefined();
    expect(map(ctx(503, undefined))).toBeUndefined();
  });
});
