import type { IncomingHttpHeaders } from 'node:http';

/** One request, as a vendor handler sees it (body already read). */
export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** `http://<Host header>`: what Django's build_absolute_uri would use for `next` links. */
  origin: string;
}

/** A response a handler returns; serialised by the server (JSON unless `text` is given). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  contentType?: string;
}

/** Builds a JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, json: body, headers } : { status, json: body };
}

/** Builds an HTML reply. */
export function html(status: number, body: string, headers?: Record<string, string>): Reply {
  return {
    status,
    text: body,
    contentType: 'text/html; charset=utf-8',
    ...(headers ? { headers } : {}),
  };
}

/** First value of a request header (lower-case name). */
export function header(req: SandboxRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A generic HTML error page, as proxies and frameworks send them. */
export function htmlPage(status: number, title: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${status} ${title}</title></head>\n<body>\n<h1>${title}</h1>\n<p>The server could not complete your request.</p>\n<hr><address>nginx</address>\n</body>\n</html>\n`;
}
