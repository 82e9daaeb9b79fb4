import { expect } from 'vitest';
import type { Sandbox } from '../../src/index.js';
import type { Exchange, SpecCheck } from './validator.js';
import { describeViolation } from './validator.js';

/** A response as a test reads it, and as the spec check sees it. */
export interface Sent extends Exchange {
  headers: Headers;
}

/**
 * Sends requests to a sandbox and keeps every response for the spec check: the caller walks the
 * routes, `assertConforms` checks them all and that every route of the sandbox was among them.
 */
export class Exchanges {
  readonly sent: Sent[] = [];

  constructor(
    private readonly sandbox: Sandbox,
    private readonly headers: Record<string, string>,
  ) {}

  /** `method` on `path` (query included), JSON body `body` when given, with `headers` over the default ones. */
  async send(
    method: string,
    path: string,
    o: { body?: unknown; form?: string; headers?: Record<string, string> } = {},
  ): Promise<Sent> {
    const url = new URL(path, this.sandbox.url);
    const headers: Record<string, string> = { ...this.headers, ...o.headers };
    let body: string | undefined;
    if (o.form !== undefined) {
      body = o.form;
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (/json/.test(contentType)) parsed = JSON.parse(text);
    const sent: Sent = {
      method,
      path: url.pathname,
      status: res.status,
      contentType,
      body: parsed,
      headers: res.headers,
    };
    this.sent.push(sent);
    return sent;
  }

  get(path: string, headers?: Record<string, string>): Promise<Sent> {
    return this.send('GET', path, headers ? { headers } : {});
  }

  /**
   * Every response conforms (0 violations, each one named by route, status, spec operation and
   * JSON path), every route the sandbox serves was exercised, and no allow-list entry is stale.
   */
  assertConforms(check: SpecCheck): void {
    const violations = this.sent.flatMap((e) => check.check(e));
    // One line per kind of violation (array indices as `*`), with how often and a first instance.
    const kinds = new Map<string, { count: number; first: string }>();
    for (const v of violations) {
      const key = `${v.spec} ${v.operation} → ${v.status} at ${v.at.replace(/\/\d+(?=\/|$)/g, '/*') || '/'}: ${v.message} (got ${v.got})`;
      const kind = kinds.get(key) ?? { count: 0, first: describeViolation(v) };
      kind.count++;
      kinds.set(key, kind);
    }
    const lines = [...kinds].map(([key, k]) => `${key} (${k.count}×; first: ${k.first})`);
    expect(lines, `${violations.length} violations`).toEqual([]);
    const missed = this.sandbox.control
      .routes()
      .filter(
        (r) =>
          !this.sent.some((e) => e.method === r.method && e.status < 300 && r.pattern.test(e.path)),
      )
      .map((r) => `${r.method} ${r.pattern.source}`);
    expect(missed, 'routes the sandbox serves that no successful request exercised').toEqual([]);
    expect(
      check.unused().map((a) => a.why),
      'allow-list entries no violation needed',
    ).toEqual([]);
  }
}
