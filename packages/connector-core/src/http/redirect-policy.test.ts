import { describe, expect, it } from 'vitest';
import { isRedirect, MAX_REDIRECTS, redirectDecision } from './redirect-policy.js';

const from = new URL('https://api.vendor.test/v1/users');
const origin = 'https://api.vendor.test';

describe('redirectDecision', () => {
  it('follows a same-origin redirect, keeping the method', () => {
    expect(redirectDecision(307, '/v2/users', from, origin, 'POST', 0)).toEqual({
      follow: true,
      url: new URL('https://api.vendor.test/v2/users'),
      method: 'POST',
      dropBody: false,
    });
  });

  it('turns a 303 into a body-less GET', () => {
    expect(redirectDecision(303, '/done', from, origin, 'POST', 0)).toMatchObject({
      method: 'GET',
      dropBody: true,
    });
  });

  it.each([
    'https://evil.test/v1/users',
    '//evil.test/x',
    'http://api.vendor.test/v1/users',
    'https://api.vendor.test:8443/x',
    'http://[::1',
  ])('never follows %s', (location) => {
    expect(redirectDecision(302, location, from, origin, 'GET', 0)).toEqual({
      follow: false,
      reason: 'another origin',
    });
  });

  it(`stops after ${MAX_REDIRECTS} hops`, () => {
    expect(redirectDecision(302, '/x', from, origin, 'GET', MAX_REDIRECTS)).toEqual({
      follow: false,
      reason: 'too often',
    });
  });

  it('isRedirect needs a 3xx and a location', () => {
    expect(isRedirect(302, '/x')).toBe(true);
    expect(isRedirect(304, null)).toBe(false);
    expect(isRedirect(200, '/x')).toBe(false);
  });
});
