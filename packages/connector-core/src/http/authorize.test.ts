import { describe, expect, it } from 'vitest';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import { ServerError } from '../errors/errors.js';
import { authorize, isCredentialFailure } from './authorize.js';

const origin = 'https://api.vendor.test';
const request = (url: string) => ({ url, method: 'GET', headers: new Headers() });
const auth: AuthStrategy = {
  authorize: (r) => r.headers.set('authorization', 'Bearer t'),
  secrets: () => ['t'],
};
const ctx = { signal: undefined, omitHeaders: new Set<string>() };

describe('authorize', () => {
  it('adds the credential for the configured origin only', async () => {
    const ours = request(`${origin}/x`);
    await authorize(auth, ours, new URL(ours.url), origin, ctx);
    expect(ours.headers.get('authorization')).toBe('Bearer t');
    const theirs = request('https://evil.test/x');
    await authorize(auth, theirs, new URL(theirs.url), origin, ctx);
    expect(theirs.headers.has('authorization')).toBe(false);
  });

  it('marks errors raised while getting a credential', async () => {
    const failing: AuthStrategy = {
      authorize: () => {
        throw new ServerError('token endpoint down');
      },
      secrets: () => [],
    };
    const r = request(`${origin}/x`);
    const error = await authorize(failing, r, new URL(r.url), origin, ctx).catch((e) => e);
    expect(isCredentialFailure(error)).toBe(true);
    expect(isCredentialFailure(new ServerError('other'))).toBe(false);
  });
});
