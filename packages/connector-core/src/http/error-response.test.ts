import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  PermissionError,
  RateLimitError,
  ServerError,
} from '../errors/errors.js';
import { errorResponse } from './error-response.js';
import type { Exchange } from './exchange.js';

const meta = { vendor: 'acme', endpoint: 'GET /x', requestId: undefined };
const ex = (status: number, text: string, headers: Record<string, string> = {}): Exchange => ({
  status,
  headers: new Headers(headers),
  text,
  request: { url: 'https://a.test/x', method: 'GET', headers: new Headers() },
});

describe('errorResponse', () => {
  it('maps statuses to typed errors with the vendor message', () => {
    const f = errorResponse(ex(401, '{"detail":"bad key"}'), { ...meta, status: 401 }, {}, [], 0);
    expect(f.error).toBeInstanceOf(AuthenticationError);
    expect(f.error.message).toMatch(/bad key/);
    expect(errorResponse(ex(503, ''), { ...meta, status: 503 }, {}, [], 0).error).toBeInstanceOf(
      ServerError,
    );
  });

  it('reads Retry-After, then the vendor hook, then reset headers', () => {
    const s = { ...meta, status: 429 };
    expect(errorResponse(ex(429, '', { 'retry-after': '3' }), s, {}, [], 0).serverWaitMs).toBe(
      3_000,
    );
    expect(
      errorResponse(ex(429, 'wait 5'), s, { retryAfter: () => 5_000 }, [], 0).serverWaitMs,
    ).toBe(5_000);
    expect(errorResponse(ex(429, '', { 'ratelimit-reset': '9' }), s, {}, [], 0).serverWaitMs).toBe(
      9_000,
    );
  });

  it('lets the vendor hook decide, with the body already scrubbed', () => {
    let seen = '';
    const f = errorResponse(
      ex(403, '{"error":"blocked for key-1234567890"}'),
      { ...meta, status: 403 },
      {
        mapError: (ctx) => {
          seen = ctx.bodyText;
          return new RateLimitError('blocked', { retryAfterMs: 60_000 });
        },
      },
      ['key-1234567890'],
      0,
    );
    expect(f.error).toBeInstanceOf(RateLimitError);
    expect(f.serverWaitMs).toBe(60_000);
    expect(seen).not.toContain('key-1234567890');
  });

  it('keeps a 403 a PermissionError by default', () => {
    expect(errorResponse(ex(403, ''), { ...meta, status: 403 }, {}, [], 0).error).toBeInstanceOf(
      PermissionError,
    );
  });
});
