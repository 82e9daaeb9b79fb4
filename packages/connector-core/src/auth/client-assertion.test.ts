import { generateKeyPairSync, verify } from 'node:crypto';
import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { AuthenticationError, ConfigError } from '../errors/errors.js';
import { createHttpClient } from '../http/client.js';
import { createClockDriver } from '../testing/clock-driver.js';
import { clientAssertion } from './client-assertion.js';
import { oauth2ClientCredentials } from './oauth2-client-credentials.js';

const ORG = 'https://acme.okta.test';
const TOKEN_URL = `${ORG}/oauth2/v1/token`;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: typeof rsa.privateKey) => k.export({ type: 'pkcs8', format: 'pem' }).toString();

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** The JWT's parts, with its signature checked against `publicKey`. */
function decode(jwt: string, publicKey: typeof rsa.publicKey) {
  const [h, c, s] = jwt.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const input = Buffer.from(`${h}.${c}`);
  const signature = Buffer.from(s, 'base64url');
  const ok =
    header.alg === 'RS256'
      ? verify('sha256', input, publicKey, signature)
      : verify('sha256', input, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  return { header, claims: JSON.parse(Buffer.from(c, 'base64url').toString()), ok };
}

describe('private_key_jwt client authentication', () => {
  it('signs RS256 and ES256 assertions with iss/sub = client, aud = token URL, exp and a fresh jti', () => {
    for (const [pair, alg] of [
      [rsa, 'RS256'],
      [ec, 'ES256'],
    ] as const) {
      const a = clientAssertion(
        { privateKey: pem(pair.privateKey), keyId: 'k1' },
        '0oa1',
        TOKEN_URL,
      );
      const one = decode(a.create(1_700_000_000_000), pair.publicKey);
      const two = decode(a.create(1_700_000_000_000), pair.publicKey);
      expect(one.ok).toBe(true);
      expect(one.header).toEqual({ alg, typ: 'JWT', kid: 'k1' });
      expect(one.claims).toMatchObject({
        iss: '0oa1',
        sub: '0oa1',
        aud: TOKEN_URL,
        iat: 1_700_000_000,
        exp: 1_700_000_300,
      });
      expect(one.claims.jti).not.toBe(two.claims.jti);
      // Another key of the same kind does not verify it: the check above can fail.
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
      expect(decode(a.create(0), alg === 'RS256' ? otherRsa.publicKey : other.publicKey).ok).toBe(
        false,
      );
    }
  });

  it('refuses what is no private key without quoting it', () => {
    const junk = '-----BEGIN PRIVATE KEY-----\nnot-a-key-SECRETISH\n-----END PRIVATE KEY-----';
    const error = (() => {
      try {
        clientAssertion({ privateKey: junk }, 'c', TOKEN_URL);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).not.toContain('SECRETISH');
    const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => clientAssertion({ privateKey: publicPem }, 'c', TOKEN_URL)).toThrow(ConfigError);
    expect(() =>
      clientAssertion({ privateKey: pem(rsa.privateKey), algorithm: 'ES256' }, 'c', TOKEN_URL),
    ).toThrow(/no ES256 key/);
  });

  it('token requests carry the assertion and no Basic header; an echoed assertion or key is redacted', async () => {
    const clock = createManualClock();
    const driver = createClockDriver(clock);
    const auth = oauth2ClientCredentials({
      tokenUrl: TOKEN_URL,
      clientId: '0oa1',
      privateKeyJwt: { privateKey: pem(rsa.privateKey) },
      scope: 'okta.users.read',
      clock,
      fetch: driver.fetch,
      vendor: 'okta',
    });
    let assertion = '';
    nock(ORG)
      .post('/oauth2/v1/token', (body: Record<string, string>) => {
        assertion = body.client_assertion ?? '';
        return (
          body.grant_type === 'client_credentials' &&
          body.scope === 'okta.users.read' &&
          body.client_assertion_type === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
        );
      })
      .reply(200, { access_token: 'at-1', expires_in: 3600 });
    const http = createHttpClient({
      vendor: 'okta',
      baseUrl: ORG,
      auth,
      clock,
      fetch: driver.fetch,
    });
    nock(ORG, { reqheaders: { authorization: 'Bearer at-1' } })
      .get('/api/v1/users')
      .reply(401, () => ({ errorSummary: `bad token; assertion ${assertion}` }));
    nock(ORG).post('/oauth2/v1/token').reply(401, { error: 'invalid_client' });
    const error = await driver
      .run(http.request({ path: 'api/v1/users', schema: v.unknown() }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const tokenRequest = driver.sent.find((r) => r.url.pathname === '/oauth2/v1/token');
    expect(tokenRequest?.headers.has('authorization')).toBe(false);
    expect(decode(assertion, rsa.publicKey).ok).toBe(true);
    expect(JSON.stringify(auth)).toContain('private_key_jwt');
    const surface = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
    expect(surface).not.toContain(assertion.slice(-20));
    expect(auth.secrets()).toContain(assertion);
  });
});
