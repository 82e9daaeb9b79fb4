import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../src/http/client.js';
import { ResponseTooLargeError } from '../src/http/response-too-large.js';

const MiB = 1024 * 1024;
const HUGE = 200 * MiB;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

let server: Server;
let base = '';
const served = { bytes: 0, requests: 0, closed: 0 };

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  // A 200 MiB JSON body made on demand, chunk by chunk, respecting backpressure: nothing of it is
  // held in memory on either side unless the client keeps it.
  server = createServer((req, res) => {
    served.requests++;
    res.on('close', () => served.closed++);
    const declare = req.url?.includes('declared');
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(declare ? { 'content-length': String(HUGE + 2) } : {}),
    });
    res.write('[');
    let sent = 0;
    const pump = () => {
      while (sent < HUGE) {
        sent += CHUNK.length;
        served.bytes += CHUNK.length;
        if (!res.write(CHUNK)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end(']');
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  nock.disableNetConnect();
});

describe('maxResponseBytes', () => {
  it('stops a 200 MiB body at the default 32 MiB cap with bounded memory, without retrying', async () => {
    const http = createHttpClient({ vendor: 'acme', baseUrl: base, retry: { limit: 3 } });
    served.bytes = 0;
    served.requests = 0;
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const error = await http
      .request({ path: 'chunked', schema: v.unknown() })
      .catch((e: unknown) => e);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ maxBytes: 32 * MiB, retryable: false, vendor: 'acme' });
    expect(served.requests).toBe(1);
    // The server stopped soon after the cap: the client cancelled the stream.
    expect(served.bytes).toBeLessThan(HUGE / 2);
    // Memory grows by about the cap, far below the body's size.
    expect(peak - before).toBeLessThan(HUGE / 2);
  });

  it('is overridable, and refuses a declared content-length past it before reading', async () => {
    const http = createHttpClient({ vendor: 'acme', baseUrl: base, maxResponseBytes: MiB });
    served.bytes = 0;
    const error = await http
      .request({ path: 'declared', schema: v.unknown() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toMatch(/larger than 1048576 bytes/);
    expect(served.bytes).toBeLessThan(HUGE / 2);
  });
});
