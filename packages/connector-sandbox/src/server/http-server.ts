import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Counters } from '../control/counters.js';
import { applyDrift, type FaultSpec, type Faults } from '../control/faults.js';
import {
  drip,
  endlessPage,
  firstPageRequest,
  hostileRetryAfter,
  hugeBody,
  redirectReply,
  repeatedPage,
  secretEcho,
} from '../control/hostile.js';
import { describePaging } from '../control/page-reply.js';
import { PAGING_FAULTS, PagingFaults } from '../control/paging-faults.js';
import type { SandboxClock, SandboxLatency } from '../options.js';
import type { Reply, SandboxRequest } from './types.js';
import type { VendorFacts } from './vendor.js';

/** What the HTTP layer needs from the rest of the sandbox. */
export interface Pipeline {
  counters: Counters;
  faults: Faults;
  clock: SandboxClock;
  latency: () => SandboxLatency;
  random: () => number;
  handle: (req: SandboxRequest) => Reply | Promise<Reply>;
  faultReply: (spec: FaultSpec, req: SandboxRequest) => Reply;
  /** The vendor's facts: how its pages, items and credentials look, for the faults. */
  facts: VendorFacts<unknown>;
}

/** A listening loopback server and the means to stop it, hung requests included. */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Faults applied to the vendor's own reply rather than replacing it. */
const BODY_FAULTS: ReadonlySet<FaultSpec['kind']> = new Set(['truncated', 'drift', 'drip']);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serialise(reply: Reply): { body: string; contentType: string } {
  if (reply.text !== undefined)
    return { body: reply.text, contentType: reply.contentType ?? 'text/plain; charset=utf-8' };
  if (reply.json === undefined)
    return { body: '', contentType: reply.contentType ?? 'application/json' };
  return { body: JSON.stringify(reply.json), contentType: reply.contentType ?? 'application/json' };
}

/** Starts the server on 127.0.0.1 and routes every request through the pipeline. */
export async function listen(port: number, pipeline: Pipeline): Promise<RunningServer> {
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  // The request before the latest on each path: what `repeat-cursor` serves again on lists
  // without links.
  const previous = new Map<string, SandboxRequest>();
  const paging = new PagingFaults(pipeline.facts);

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    pipeline.counters.begin(url.pathname);
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        pipeline.counters.end();
      }
    };
    res.on('close', end);
    try {
      const body = await readBody(req);
      const request: SandboxRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`),
        headers: req.headers,
        body,
        origin: `http://${req.headers.host ?? '127.0.0.1'}`,
      };
      const { fixedMs = 0, jitterMs = 0 } = pipeline.latency();
      const delay = fixedMs + (jitterMs > 0 ? pipeline.random() * jitterMs : 0);
      if (delay > 0) await pipeline.clock.sleep(delay);

      const before = previous.get(url.pathname);
      if (request.method === 'GET') previous.set(url.pathname, request);
      const fault = pipeline.faults.take(url.pathname);
      // Faults that replace the exchange itself always apply.
      if (fault?.kind === 'reset' || fault?.kind === 'hang' || fault?.kind === 'huge-body')
        pipeline.faults.outcome(fault);
      if (fault?.kind === 'reset') {
        pipeline.counters.outcome('reset');
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') {
        // Never answer: the client's timeout (or close()) ends it.
        pipeline.counters.outcome('hang');
        hung.add(res);
        res.on('close', () => hung.delete(res));
        return;
      }
      if (fault?.kind === 'huge-body') {
        pipeline.counters.outcome(200);
        res.writeHead(200, { 'content-type': 'application/json' });
        hugeBody(res, fault.bytes ?? 512 * 1024 * 1024);
        return;
      }
      const { facts } = pipeline;
      // A fault that finds nothing to change in the vendor's reply tested nothing: it is served
      // as the vendor's own reply and reported (`faultReport`), so a suite can tell.
      let missed: string | undefined;
      const orVendor = async (faulted: Reply | undefined, why: string): Promise<Reply> => {
        if (faulted) return faulted;
        missed = why;
        return pipeline.handle(request);
      };
      let reply: Reply;
      if (fault?.kind === 'secret-echo') {
        reply = await orVendor(
          secretEcho(fault, request, facts.auth),
          'the request carried no credential',
        );
      } else if (fault?.kind === 'retry-after') reply = hostileRetryAfter(fault);
      else if (fault?.kind === 'redirect') reply = redirectReply(fault);
      else if (fault?.kind === 'endless-pages') {
        const first = await pipeline.handle(firstPageRequest(request, facts.paging));
        reply = await orVendor(
          endlessPage(first, request, facts.paging),
          `the reply has no ${describePaging(facts.paging)} to announce another page with`,
        );
      } else if (fault?.kind === 'repeat-cursor') {
        // A list read by position (page, offset) repeats by serving the page before again, its
        // link (if any) pointing back at itself; a list whose next page is carried, by the link
        // or cursor alone.
        const positional =
          (facts.paging.carried === 'page' || facts.paging.carried === 'offset') &&
          request.url.searchParams.has(facts.paging.param) &&
          before !== undefined;
        const served = await pipeline.handle(positional && before ? before : request);
        reply = await orVendor(
          repeatedPage(served, request, facts.paging, positional),
          `the reply has no ${describePaging(facts.paging)} to send the client back with`,
        );
      } else if (fault && PAGING_FAULTS.has(fault.kind)) {
        const faulted = await paging.reply(fault, request, pipeline.handle);
        reply = faulted.reply;
        missed = faulted.missed;
      } else if (fault && !BODY_FAULTS.has(fault.kind)) {
        reply = pipeline.faultReply(fault, request);
      } else {
        reply = await pipeline.handle(request);
        if (fault?.kind === 'drift' && fault.drift) {
          const drifted =
            reply.status < 300 && reply.json !== undefined
              ? applyDrift(reply.json, fault.drift, facts.items)
              : { body: reply.json, changed: false };
          if (drifted.changed) reply = { ...reply, json: drifted.body };
          else missed = `no item at ${facts.items || 'the top level'} had the fields to drift`;
        }
      }
      if (fault) pipeline.faults.outcome(fault, missed);
      let { body: text, contentType } = serialise(reply);
      const headers: Record<string, string> = { 'content-type': contentType, ...reply.headers };
      if (fault?.kind === 'truncated') {
        // A body cut mid-JSON but ended cleanly (chunked): the client's JSON parse fails.
        text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      } else {
        headers['content-length'] = String(Buffer.byteLength(text));
      }
      pipeline.counters.outcome(reply.status);
      res.writeHead(reply.status, headers);
      if (fault?.kind === 'drip' && req.method !== 'HEAD') {
        await drip(res, text);
        return;
      }
      res.end(req.method === 'HEAD' ? undefined : text);
    } catch (error) {
      pipeline.counters.outcome(500);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const server: Server = createServer((req, res) => {
    void onRequest(req, res);
  });
  // Idle keep-alive connections stay open until close(): a server that drops an idle socket just as
  // the client reuses it fails that request with ECONNRESET and the client retries it, a real-world
  // race that would make request counts depend on how busy the machine is.
  server.keepAliveTimeout = 0;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
