import type { ServerResponse } from 'node:http';
import { credentialIn } from '../server/credential.js';
import type { Reply, SandboxRequest } from '../server/types.js';
import type { CredentialCarrier, PagingFacts } from '../server/vendor.js';
import type { FaultSpec } from './faults.js';
import { announceNext, isPositional } from './page-reply.js';

/** Faults that change how a body is sent rather than what it says. */
export type StreamFault = 'drip' | 'huge-body';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends `text` one byte per event-loop turn: a client whose deadlines or aborts do not reach the
 * body read keeps reading. Stops when the client goes away.
 */
export async function drip(res: ServerResponse, text: string): Promise<void> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length && !res.destroyed; i++) {
    res.write(bytes.subarray(i, i + 1));
    await turn();
  }
  res.end();
}

/**
 * Streams a JSON list of `size` bytes (`{"results":[` then spaces), made chunk by chunk and
 * respecting backpressure, so the sandbox holds none of it. Stops when the client goes away.
 */
export function hugeBody(res: ServerResponse, size: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const open = Buffer.from('{"results":[');
  res.write(open);
  let sent = open.length;
  const pump = () => {
    while (sent < size && !res.destroyed) {
      const piece = size - sent >= chunk.length ? chunk : chunk.subarray(0, size - sent);
      sent += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(']}');
  };
  res.on('close', () => {
    sent = size;
  });
  pump();
}

/** A list request rewritten to ask for the first page: what `endless-pages` serves every time. */
export function firstPageRequest(req: SandboxRequest, paging: PagingFacts): SandboxRequest {
  const url = new URL(req.url);
  url.searchParams.delete(paging.param);
  return { ...req, url };
}

let endlessCounter = 0;

/**
 * `endless-pages`: the reply (the first page's items) says another page follows, always, the way
 * the vendor says it (`paging`): a body link or the `Link` header moving on to a fresh cursor or
 * the next page number, a fresh body cursor, or, for offset and page lists read by counting, the
 * first page's items again where a later page belongs. Undefined when the reply gives no way to
 * say so: the fault could not be injected.
 */
export function endlessPage(
  reply: Reply,
  req: SandboxRequest,
  paging: PagingFacts,
): Reply | undefined {
  if (reply.status >= 300) return undefined;
  const page = Number(req.url.searchParams.get(paging.param) ?? '');
  const numbered = Number.isInteger(page) && page > 0;
  const moved =
    paging.carried === 'page'
      ? String((numbered ? page : 1) + 1)
      : numbered
        ? String(page + 1)
        : `endless-${++endlessCounter}`;
  return announceNext(reply, req, paging, moved);
}

/**
 * `repeat-cursor`: the client is sent back where it was. A list whose next page is carried (body
 * link, `Link` header, body cursor) points at the page it is on; a list read by counting (offset,
 * page) is served the page before again (`served`, when `positional`), its link, if any,
 * pointing at itself. Undefined when the reply gives no way to do so: the fault could not be
 * injected.
 */
export function repeatedPage(
  served: Reply,
  req: SandboxRequest,
  paging: PagingFacts,
  positional: boolean,
): Reply | undefined {
  if (served.status >= 300) return undefined;
  const counted = isPositional(paging);
  if (counted && !positional) return undefined;
  const self = announceNext(
    served,
    req,
    paging,
    req.url.searchParams.get(paging.param) ?? 'repeat',
  );
  return counted ? (self ?? served) : self;
}

/** JSON text with every character of `text` as a `\u` escape. */
const jsonEscaped = (text: string) =>
  [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** How each status's echoing message starts, so a client maps it by status, not by wording. */
const ECHO_LEADS: Record<number, string> = {
  400: 'Bad request for key',
  401: 'Invalid API key',
  403: 'You do not have permission to perform this action with key',
  429: 'Too many requests for key',
  503: 'Service busy for key',
};

/**
 * `secret-echo`: an error (401 unless `echo.status`) whose message repeats a piece of the
 * credential, as some vendors do; with `echo.headers`, response headers carry all of it too.
 */
export function secretEcho(
  spec: FaultSpec,
  req: SandboxRequest,
  carriers: readonly CredentialCarrier[],
): Reply | undefined {
  const secret = credentialIn(req.headers, carriers);
  // Nothing to echo: the fault would test nothing.
  if (secret === '') return undefined;
  const length = spec.echo?.length ?? 12;
  const status = spec.echo?.status ?? 401;
  const piece = (() => {
    switch (spec.echo?.piece) {
      case 'whole':
      case 'json-escaped':
        return secret;
      case 'suffix':
        return secret.slice(-length);
      case 'middle':
        return secret.slice(
          Math.max(0, (secret.length - length) >> 1),
          ((secret.length - length) >> 1) + length,
        );
      case 'base64':
        return Buffer.from(secret).toString('base64').slice(0, Math.max(length, 16));
      default:
        return secret.slice(0, length);
    }
  })();
  const headers: Record<string, string> = {};
  if (status === 429 || status === 503)
    headers['retry-after'] = String(spec.retryAfterSeconds ?? 1);
  if (spec.echo?.headers) {
    headers['x-request-id'] = `${'x'.repeat(185)}${secret}`;
    headers['www-authenticate'] = `Bearer error="invalid_token", token="${secret}"`;
    headers['set-cookie'] = `session=${secret}`;
  }
  const lead = ECHO_LEADS[status] ?? `Request failed for key`;
  if (spec.echo?.piece === 'json-escaped') {
    const escaped = jsonEscaped(secret);
    return {
      status,
      headers,
      text: `{"detail":"${lead} ${escaped}","message":"${lead} ${escaped}"}`,
      contentType: 'application/json',
    };
  }
  // A whole echo comes late in a long message, so a client that clips messages cuts across it.
  const message =
    spec.echo?.piece === 'whole' ? `${lead} ${'x'.repeat(170)}${piece}` : `${lead} ${piece}…`;
  return { status, headers, json: { detail: message, message, token: piece } };
}

/** `redirect`: a 302 (or `status`) to `location`. */
export function redirectReply(spec: FaultSpec): Reply {
  return { status: spec.status ?? 302, headers: { location: spec.location ?? '/' }, text: '' };
}

/** `retry-after`: a 429 with a wait no client should take at its word. */
export function hostileRetryAfter(spec: FaultSpec): Reply {
  const header =
    spec.retryAfter === undefined || spec.retryAfter === 'huge'
      ? '1000000000'
      : spec.retryAfter === 'past'
        ? 'Wed, 21 Oct 2015 07:28:00 GMT'
        : spec.retryAfter === 'garbage'
          ? 'soon, maybe'
          : spec.retryAfter;
  return {
    status: 429,
    json: { message: 'Too Many Requests' },
    headers: { 'retry-after': header },
  };
}
