import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import nock from 'nock';
import * as v from 'valibot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';
import { nodeWire } from './node-wire.js';
import { BodyReadStopped } from './read-body.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base = '';
let handler: Handler = (_req, res) => res.end();
const seen: Array<{
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}> = [];
let closed = 0;
// Large bodies are prepared before the server listens: compressing 50 MiB inside a test stalls the
// event loop for seconds on a busy machine.
let bomb: Buffer;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.on('close', () => closed++);
      handler(req, res, body);
    });
  });
  // Idle keep-alive sockets stay open for the whole file: a socket the server closes while the
  // client picks it for the next request fails that request with ECONNRESET, a race that a slow
  // step between two tests makes likely.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  nock.disableNetConnect();
});

beforeEach(() => {
  seen.length = 0;
  closed = 0;
});

const send = (path: string, o: { signal?: AbortSignal; body?: string; method?: string } = {}) =>
  nodeWire(
    {
      url: new URL(path, base),
      method: o.method ?? 'GET',
      headers: new Headers({ accept: 'application/json', 'x-token': 't0ken' }),
      body: o.body,
    },
    o.signal ?? new AbortController().signal,
  );

const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setImmediate(r));
  expect(ok()).toBe(true);
};

describe('nodeWire', () => {
  it('sends the method, path, query, headers and a JSON body with its length', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r1' });
      res.end('{"ok":true}');
    };
    const res = await send('a/b?x=1&y=%20', { method: 'POST', body: '{"q":"é"}' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('r1');
    expect(await res.text(1_000)).toBe('{"ok":true}');
    const [req] = seen;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/a/b?x=1&y=%20');
    expect(req?.headers['x-token']).toBe('t0ken');
    expect(req?.headers['content-length']).toBe(String(Buffer.byteLength('{"q":"é"}')));
    expect(req?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(req?.body).toBe('{"q":"é"}');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decompresses a %s body', async (encoding, compress) => {
    const json = JSON.stringify({ users: Array.from({ length: 50 }, (_, i) => ({ id: i })) });
    handler = (_req, res) => {
      res.writeHead(200, { 'content-encoding': encoding });
      res.end(compress(Buffer.from(json)));
    };
    const res = await send('z');
    expect(await res.text(100_000)).toBe(json);
  });

  it('caps the decompressed bytes, not the compressed ones (a small bomb stops early)', async () => {
    expect(bomb.length).toBeLessThan(100_000);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    };
    const res = await send('bomb');
    const error = await res.text(1_000_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyReadStopped);
    expect((error as BodyReadStopped).why).toBe('too-large');
    expect((error as BodyReadStopped).bytes).toBeLessThan(5_000_000);
  });

  it('refuses a declared length past the cap without reading the body', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '2000' });
      res.end('x'.repeat(2_000));
    };
    const res = await send('big');
    const error = await res.text(1_000).catch((e: unknown) => e);
    expect((error as BodyReadStopped).why).toBe('too-large');
    expect((error as BodyReadStopped).bytes).toBe(0);
  });

  it('rejects with the reason when the signal aborts before the head, and closes the connection', async () => {
    handler = () => {}; // never answers
    const ac = new AbortController();
    const pending = send('hang', { signal: ac.signal });
    await waitFor(() => seen.length === 1);
    const reason = new Error('stop');
    ac.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await waitFor(() => closed === 1);
  });

  it('stops reading when the signal aborts mid-body, and closes the connection', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write('{"partial":');
    };
    const ac = new AbortController();
    const res = await send('slow', { signal: ac.signal });
    const reading = res.text(1_000);
    ac.abort();
    const error = await reading.catch((e: unknown) => e);
    expect((error as BodyReadStopped).why).toBe('aborted');
    await waitFor(() => closed === 1);
  });

  it('fails a body cut short by the server instead of returning part of it', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"users":[');
      setImmediate(() => res.destroy());
    };
    const res = await send('cut');
    const error = await res.text(1_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(BodyReadStopped);
  });

  it('reports a refused connection as a failure whose cause says why', async () => {
    const closedServer = createServer();
    await new Promise<void>((resolve) => closedServer.listen(0, '127.0.0.1', resolve));
    const port = (closedServer.address() as AddressInfo).port;
    await new Promise((resolve) => closedServer.close(resolve));
    const error = await nodeWire(
      {
        url: new URL(`http://127.0.0.1:${port}/`),
        method: 'GET',
        headers: new Headers(),
        body: undefined,
      },
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe('request failed');
    expect(((error as Error).cause as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe('the client on the node wire', () => {
  it('decodes a gzip page and maps a refused connection to NetworkError with the cause', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.from('{"items":[1,2,3]}')));
    };
    const client = createHttpClient({ vendor: 'acme', baseUrl: base, retry: { limit: 0 } });
    const res = await client.request({
      path: 'p',
      schema: v.object({ items: v.array(v.number()) }),
    });
    expect(res.data.items).toEqual([1, 2, 3]);

    const dead = createHttpClient({
      vendor: 'acme',
      baseUrl: 'http://127.0.0.1:1/',
      retry: { limit: 0 },
    });
    await expect(dead.request({ path: 'p', schema: v.unknown() })).rejects.toMatchObject({
      name: 'NetworkError',
      message: expect.stringMatching(/failed before a response: connect ECONNREFUSED/),
    });
  });
});
