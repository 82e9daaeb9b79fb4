import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { BodyReadStopped } from './read-body.js';
import type { Wire, WireResponse } from './wire.js';

/** What `fetch` asks for too; the body cap counts the bytes after decompression. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

const decoder = new TextDecoder();

/** Lenient on a stream cut short after its last full block, as `fetch` is. */
const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

/**
 * The default {@link Wire}: `node:http` / `node:https` through Node's global agents (keep-alive),
 * which costs well under half the CPU per request of `fetch` (no WHATWG `Request`, `Response` or
 * web streams per call; `pnpm bench` prices it). Nothing is followed, retried or decompressed
 * behind the caller's back except the `content-encoding` this wire asked for, and every abort is
 * the wire's own listener destroying the request: no weak link to lose.
 */
export const nodeWire: Wire = (req, signal) =>
  new Promise<WireResponse>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const url = req.url;
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers['accept-encoding'] ??= ACCEPT_ENCODING;
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const transport = url.protocol === 'https:' ? https : http;
    const outgoing = transport.request({
      protocol: url.protocol,
      // `URL` keeps an IPv6 host in brackets; the socket wants it bare.
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: req.method,
      headers,
    });
    let settled = false;
    const onAbort = () => {
      outgoing.destroy();
      if (!settled) {
        settled = true;
        reject(signal.reason);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      if (settled) return;
      settled = true;
      reject(new Error('request failed', { cause: error }));
    });
    outgoing.on('response', (incoming) => {
      // From here the body reader owns the abort.
      signal.removeEventListener('abort', onAbort);
      if (settled) {
        incoming.destroy();
        return;
      }
      settled = true;
      resolve(responseOf(incoming, signal));
    });
    outgoing.end(req.body);
  });

function responseOf(incoming: http.IncomingMessage, signal: AbortSignal): WireResponse {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      // A header `Headers` refuses (Node's parser let it through) is not one we read.
    }
  }
  return {
    status: incoming.statusCode ?? 0,
    headers,
    text: (maxBytes) => readText(incoming, headers, signal, maxBytes),
    discard: async () => {
      incoming.destroy();
    },
  };
}

/** The decompressor for a `content-encoding` this wire asked for, or none. */
function decoderFor(
  encoding: string | null,
): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  const e = encoding?.trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return zlib.createGunzip(lenient);
  if (e === 'deflate') return zlib.createInflate(lenient);
  if (e === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

function readText(
  incoming: http.IncomingMessage,
  headers: Headers,
  signal: AbortSignal,
  maxBytes: number,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const declared = Number(headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      incoming.destroy();
      reject(new BodyReadStopped('too-large', 0));
      return;
    }
    const unzip = decoderFor(headers.get('content-encoding'));
    const source: Readable = unzip ? incoming.pipe(unzip) : incoming;
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const stop = (error: unknown) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      incoming.destroy();
      unzip?.destroy();
      reject(error);
    };
    const onAbort = () => stop(new BodyReadStopped('aborted', bytes));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    source.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) stop(new BodyReadStopped('too-large', bytes));
      else chunks.push(chunk);
    });
    source.on('end', () => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      resolve(decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes)));
    });
    source.on('error', (error) => stop(new Error('response body failed', { cause: error })));
    // The connection closing before the body ended (`end` comes first on a complete body).
    incoming.on('close', () => {
      if (!incoming.complete)
        stop(
          new Error('response body failed', {
            cause: new Error('connection closed before the body ended'),
          }),
        );
    });
    if (unzip)
      incoming.on('error', (error) => stop(new Error('response body failed', { cause: error })));
  });
}
