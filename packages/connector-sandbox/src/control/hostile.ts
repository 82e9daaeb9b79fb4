import type { ServerResponse } from 'node:http';
import type { Reply, SandboxRequest } from '../server/types.js';
import type { FaultSpec } from './faults.js';

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
export function firstPageRequest(req: SandboxRequest): SandboxRequest {
  const url = new URL(req.url);
  for (const name of ['page', 'cursor', 'skip', 'offset']) url.searchParams.delete(name);
  return { ...req, url };
}

let endlessCounter = 0;

/**
 * `endless-pages`: the reply says another page follows, always. A `next` link moves on (the next
 * page number, or a fresh cursor); the items are the first page's again.
 */
export function endlessPage(reply: Reply, req: SandboxRequest): Reply {
  const body = reply.json as Record<string, unknown> | undefined;
  if (reply.status >= 300 || !body || typeof body !== 'object' || !('next' in body)) return reply;
  const next = new URL(req.url);
  const page = Number(next.searchParams.get('page') ?? '');
  if (Number.isInteger(page) && page > 0) next.searchParams.set('page', String(page + 1));
  else next.searchParams.set('cursor', `endless-${++endlessCounter}`);
  return { ...reply, json: { ...body, next: `${req.origin}${next.pathname}${next.search}` } };
}

/**
 * `repeat-cursor`: the reply's `next` link points back at the page it is on. Undefined for a
 * reply without a `next` link (skip/offset paging).
 */
export function repeatedPage(reply: Reply, req: SandboxRequest): Reply | undefined {
  const body = reply.json as Record<string, unknown> | undefined;
  if (reply.status >= 300) return reply;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('next' in body))
    return undefined;
  const self =
    req.url.searchParams.has('cursor') || req.url.searchParams.has('page')
      ? req.url
      : (() => {
          const u = new URL(req.url);
          u.searchParams.set('cursor', 'repeat');
          return u;
        })();
  return { ...reply, json: { ...body, next: `${req.origin}${self.pathname}${self.search}` } };
}

/** The credential a request carried (`Authorization`, without a scheme, or `x-api-key`). */
function credentialOf(req: SandboxRequest): string {
  const auth = req.headers.authorization;
  const value = (Array.isArray(auth) ? auth[0] : auth) ?? req.headers['x-api-key'];
  const raw = (Array.isArray(value) ? value[0] : value) ?? '';
  return raw.replace(/^(Bearer|Token|Basic)\s+/i, '');
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
export function secretEcho(spec: FaultSpec, req: SandboxRequest): Reply {
  const secret = credentialOf(req);
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
