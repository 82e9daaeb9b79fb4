import { inspect } from 'node:util';
import * as v from 'valibot';
import { type Clock, MAX_TIMER_MS, systemClock } from '../clock/clock.js';
import type { ConnectorError } from '../errors/connector-error.js';
import {
  AbortError,
  AuthenticationError,
  ConfigError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from '../errors/errors.js';
import { startDeadline } from '../http/deadline.js';
import { BodyReadStopped } from '../http/read-body.js';
import { checkInteger } from '../http/resolve-options.js';
import { toValidationIssues } from '../http/validate.js';
import { type WireResponse, wireFor } from '../http/wire.js';
import { raceAbort } from '../internal/abort.js';
import { redactError } from '../redact/redact-error.js';
import type { AuthRequest, AuthStrategy } from './auth-strategy.js';
import { clientAssertion, type PrivateKeyJwtOptions } from './client-assertion.js';

/** Options of {@link oauth2ClientCredentials}. */
export interface OAuth2ClientCredentialsOptions {
  /** Token endpoint, such as `https://admin-oauth.id.jumpcloud.com/oauth2/token`. */
  tokenUrl: string;
  /** OAuth client id. */
  clientId: string;
  /** OAuth client secret, sent with HTTP Basic (`client_secret_basic`); or `privateKeyJwt`. */
  clientSecret?: string | undefined;
  /**
   * `private_key_jwt` client authentication instead of a secret (Okta service apps): each token
   * request carries a fresh JWT signed with this key (RFC 7523).
   */
  privateKeyJwt?: PrivateKeyJwtOptions | undefined;
  /** Space-separated scopes to request, when the server needs them. */
  scope?: string | undefined;
  /**
   * `fetch` used for the token request; without one it goes over `node:http` / `node:https`, as
   * core's HTTP client sends every other request.
   */
  fetch?: typeof fetch | undefined;
  /** Clock for expiry (default: {@link systemClock}). */
  clock?: Clock | undefined;
  /** A token is renewed this long before it expires (default 60 s, at most half its lifetime). */
  refreshSkewMs?: number | undefined;
  /** Vendor name used in errors (default `oauth2`). */
  vendor?: string | undefined;
  /** Longest wait for the token endpoint's whole answer (default 30 s, at most 2^31−1 ms). */
  timeoutMs?: number | undefined;
}

/** A value as `application/x-www-form-urlencoded` writes it (RFC 6749 appendix B). */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

const TokenResponse = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: v.optional(v.union([v.number(), v.pipe(v.string(), v.transform(Number))])),
  token_type: v.optional(v.string()),
});

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Most bytes a token response may have: a token is a few kilobytes at most. */
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/** One token request and the callers waiting for it. */
interface Flight {
  promise: Promise<CachedToken>;
  abort: AbortController;
  waiters: number;
}

/** Tokens remembered for redaction after they were replaced (a stale token may still be in an error). */
const REMEMBERED_TOKENS = 8;

/**
 * OAuth 2.0 client credentials (JumpCloud service accounts, Okta service apps). Posts
 * `grant_type=client_credentials` with HTTP Basic client authentication (client id and secret
 * form-urlencoded first, as RFC 6749 §2.3.1 requires), or with a signed client assertion
 * (`privateKeyJwt`, RFC 7523), caches the access token
 * until shortly before `expires_in`, and shares one token request between every concurrent caller
 * (single-flight). On a 401 the client calls `refresh()`, which fetches a new token once, unless
 * another caller already replaced the token the failed request carried.
 *
 * @param o - Token endpoint and client credentials.
 */
export function oauth2ClientCredentials(o: OAuth2ClientCredentialsOptions): AuthStrategy {
  let tokenUrl: URL;
  try {
    tokenUrl = new URL(o.tokenUrl);
  } catch {
    throw new ConfigError('The OAuth token URL is not a valid URL');
  }
  if (!o.clientId) throw new ConfigError('The OAuth client id is missing');
  if (!o.clientSecret && !o.privateKeyJwt) {
    throw new ConfigError('The OAuth client secret (or private key) is missing');
  }
  if (o.clientSecret && o.privateKeyJwt) {
    throw new ConfigError('Give the OAuth client a secret or a private key, not both');
  }
  // The audience of an assertion is the token endpoint itself.
  const assertion = o.privateKeyJwt
    ? clientAssertion(o.privateKeyJwt, o.clientId, tokenUrl.href)
    : undefined;
  const clock = o.clock ?? systemClock;
  const skew = o.refreshSkewMs ?? 60_000;
  const vendor = o.vendor ?? 'oauth2';
  const timeoutMs = checkInteger(o.timeoutMs, 'The OAuth timeoutMs', 1, MAX_TIMER_MS) ?? 30_000;
  checkInteger(o.refreshSkewMs, 'The OAuth refreshSkewMs', 0, Number.MAX_SAFE_INTEGER);
  // RFC 6749 §2.3.1: both are form-urlencoded before they become the Basic user and password,
  // so a client id holding `:` (or a secret holding `%`, `+`, ...) is sent unambiguously.
  const encodedSecret = o.clientSecret === undefined ? undefined : formEncode(o.clientSecret);
  const basic =
    encodedSecret === undefined
      ? undefined
      : Buffer.from(`${formEncode(o.clientId)}:${encodedSecret}`).toString('base64');
  const endpoint = `POST ${tokenUrl.pathname}`;
  // Redirects are not followed by a wire: the client credentials go to the token URL only.
  const wire = wireFor(o.fetch);
  const issued: string[] = [];
  const sentWith = new WeakMap<AuthRequest, string>();
  let cached: CachedToken | undefined;
  let inflight: Flight | undefined;

  // Assertions are short-lived but replayable until they expire: scrubbed like tokens.
  const assertions: string[] = [];
  const secrets = () =>
    [
      o.clientSecret,
      encodedSecret === o.clientSecret ? undefined : encodedSecret,
      basic,
      assertion?.secret,
      ...assertions,
      ...issued,
    ].filter((s): s is string => s !== undefined);

  /**
   * One token request with its own timeout. The request is shared by every caller waiting for a
   * token (each races it against its own signal); it is aborted when the last of them gives up,
   * so its socket closes with its callers, and the timeout guarantees it settles, so a hung
   * endpoint cannot wedge the connection.
   */
  async function fetchToken(abort: AbortController): Promise<CachedToken> {
    const deadline = startDeadline(clock, timeoutMs, abort);
    try {
      return await requestToken(abort.signal);
    } catch (error) {
      if (!deadline.expired) throw error;
      throw new TimeoutError(`The OAuth token endpoint did not answer within ${timeoutMs} ms`, {
        vendor,
        endpoint,
      });
    } finally {
      deadline.cancel();
    }
  }

  async function requestToken(signal: AbortSignal): Promise<CachedToken> {
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (o.scope) body.set('scope', o.scope);
    const requestedAt = clock.now();
    const headers = new Headers({
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    });
    if (basic) headers.set('authorization', `Basic ${basic}`);
    if (assertion) {
      const jwt = assertion.create(requestedAt);
      assertions.push(jwt);
      if (assertions.length > REMEMBERED_TOKENS) assertions.shift();
      body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      body.set('client_assertion', jwt);
    }
    let response: WireResponse;
    try {
      response = await wire(
        {
          url: tokenUrl,
          method: 'POST',
          headers,
          body: body.toString(),
        },
        signal,
      );
    } catch (cause) {
      if (signal.aborted) throw new AbortError(undefined, { vendor, endpoint });
      throw new NetworkError('The OAuth token request failed before a response', {
        vendor,
        endpoint,
        cause,
      });
    }
    // A `fetch` answers a redirect it was told not to follow with status 0 (opaque) or the 3xx.
    if (response.status === 0 || (response.status >= 300 && response.status < 400)) {
      await response.discard();
      throw new ServerError('The OAuth token endpoint redirected the token request; not followed', {
        vendor,
        endpoint,
        status: response.status,
        retryable: false,
      });
    }
    let text: string;
    try {
      // Read by the wire, cancelled from its own listener: aborts hold after a garbage collection.
      text = await response.text(MAX_TOKEN_RESPONSE_BYTES);
    } catch (error) {
      if (signal.aborted) throw new AbortError(undefined, { vendor, endpoint });
      if (error instanceof BodyReadStopped) {
        throw new ServerError('The OAuth token endpoint sent an oversized answer', {
          vendor,
          endpoint,
          status: response.status,
          retryable: false,
        });
      }
      throw new NetworkError('The OAuth token response broke off', {
        vendor,
        endpoint,
        cause: error,
      });
    }
    if (response.status < 200 || response.status > 299) throw tokenError(response.status, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServerError('The OAuth token endpoint returned a body that is not JSON', {
        vendor,
        endpoint,
        status: response.status,
      });
    }
    const parsed = v.safeParse(TokenResponse, json, { abortEarly: true });
    if (!parsed.success) {
      // Named after the field that is wrong: `expires_in: null` is not a missing access token.
      const issues = toValidationIssues(parsed.issues);
      const first = issues[0] as ValidationIssue;
      const field = first.path === '$' ? 'body' : first.path.slice(2);
      const problem =
        first.received === 'undefined'
          ? 'is missing'
          : `is ${first.received}, expected ${first.expected}`;
      throw new ValidationError(`The OAuth token response's ${field} ${problem}`, {
        vendor,
        endpoint,
        issues,
      });
    }
    const { access_token: value, expires_in: expiresIn } = parsed.output;
    issued.push(value);
    if (issued.length > REMEMBERED_TOKENS) issued.shift();
    const lifetimeMs =
      expiresIn !== undefined && Number.isFinite(expiresIn) && expiresIn > 0
        ? expiresIn * 1000
        : 3_600_000;
    return { value, expiresAt: requestedAt + lifetimeMs - Math.min(skew, lifetimeMs / 2) };
  }

  function tokenError(status: number, text: string): ConnectorError {
    const options = { vendor, endpoint, status };
    if (status === 400 || status === 401 || status === 403) {
      // invalid_client / unauthorized_client: the credentials are wrong or revoked.
      return new AuthenticationError(
        `The OAuth token endpoint rejected the client credentials (HTTP ${status})`,
        options,
      );
    }
    if (status === 429)
      return new RateLimitError('The OAuth token endpoint is rate limiting', options);
    return new ServerError(
      `The OAuth token endpoint failed (HTTP ${status}${text ? '' : ', empty body'})`,
      options,
    );
  }

  /** Single-flight: every caller waiting for a token shares one request. */
  function obtain(signal: AbortSignal | undefined): Promise<CachedToken> {
    if (!inflight) {
      const abort = new AbortController();
      const flight: Flight = { abort, waiters: 0, promise: Promise.resolve() as never };
      flight.promise = fetchToken(abort)
        .then((token) => {
          cached = token;
          return token;
        })
        .catch((error: unknown) => {
          throw redactError(error, secrets());
        })
        .finally(() => {
          if (inflight === flight) inflight = undefined;
        });
      flight.promise.catch(() => {});
      inflight = flight;
    }
    const flight = inflight;
    flight.waiters++;
    return raceAbort(flight.promise, signal).finally(() => {
      flight.waiters--;
      // The last caller gave up: stop the request rather than leave its socket open.
      if (flight.waiters === 0 && signal?.aborted) {
        flight.abort.abort();
        if (inflight === flight) inflight = undefined;
      }
    });
  }

  const description = {
    auth: 'oauth2-client-credentials',
    tokenUrl: tokenUrl.origin + tokenUrl.pathname,
    clientAuthentication: assertion ? 'private_key_jwt' : 'client_secret_basic',
  };
  return {
    kind: 'oauth2-client-credentials',
    toJSON: () => description,
    [inspect.custom]: () => description,
    async authorize(request, ctx) {
      let token = cached;
      if (!token || clock.now() >= token.expiresAt) token = await obtain(ctx.signal);
      sentWith.set(request, token.value);
      request.headers.set('authorization', `Bearer ${token.value}`);
    },
    async refresh(ctx) {
      const stale = ctx.request ? sentWith.get(ctx.request) : cached?.value;
      // Another caller already replaced the rejected token: retry with the new one.
      if (
        cached &&
        stale !== undefined &&
        cached.value !== stale &&
        clock.now() < cached.expiresAt
      ) {
        return true;
      }
      if (!inflight) cached = undefined;
      const token = await obtain(ctx.signal);
      return token.value !== stale;
    },
    secrets,
  } as AuthStrategy;
}
