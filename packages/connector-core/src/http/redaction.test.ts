import { describe, expect, it } from 'vitest';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import { ServerError } from '../errors/errors.js';
import type { ConnectorEvent } from './events.js';
import { clientRedaction } from './redaction.js';

const auth: AuthStrategy = { authorize: () => {}, secrets: () => ['sk-live-0123456789'] };

describe('clientRedaction', () => {
  it('scrubs events, even pieces of a secret, and survives a throwing observer', () => {
    const seen: ConnectorEvent[] = [];
    const r = clientRedaction(auth, (e) => {
      seen.push(e);
      throw new Error('observer bug');
    });
    r.emit({
      type: 'rate-limited',
      vendor: 'acme',
      endpoint: 'GET /sk-live-0123',
      waitMs: 1,
      source: 'server',
    });
    expect(JSON.stringify(seen)).not.toContain('sk-live-0123');
  });

  it('scrubs errors in place', () => {
    const r = clientRedaction(auth, undefined);
    const error = r.finish(new ServerError('echo sk-live-0123456789'));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe('echo [REDACTED]');
  });
});
