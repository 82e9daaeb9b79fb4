import type { RecordingEntry } from '../record/format.js';
import type { Reply, SandboxRequest } from '../server/types.js';

/** A JSON text with its object keys sorted, so two equal bodies compare equal; else the text. */
function canonical(text: string): string {
  try {
    const sort = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sort)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v as Record<string, unknown>)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, x]) => [k, sort(x)]),
            )
          : v;
    return JSON.stringify(sort(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** Method, path, query (sorted, decoded) and body: what makes two requests the same request. */
export function requestKey(method: string, url: URL, body: string | undefined): string {
  const query = [...url.searchParams].sort(([a, x], [b, y]) =>
    a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1,
  );
  const tail = body ? ` ${canonical(body)}` : '';
  return `${method} ${url.pathname}?${new URLSearchParams(query)}${tail}`;
}

/** Response headers a replay does not send as recorded: it frames and dates its own replies. */
const OWN_HEADERS = new Set(['content-type', 'date', 'connection', 'keep-alive']);

/**
 * The recorded answers of a recording, looked up by request: the same method, path, query and
 * body get what was recorded for them, in the order recorded (the last one again after that).
 * Links to the recorded origin point at the replay instead.
 */
export class RecordedAnswers {
  readonly #byKey = new Map<string, RecordingEntry[]>();
  readonly #served = new Map<string, number>();
  readonly #origins: string[];

  constructor(entries: readonly RecordingEntry[]) {
    const origins = new Set<string>();
    for (const e of entries) {
      const url = new URL(e.request.url);
      origins.add(url.origin);
      const key = requestKey(e.request.method, url, e.request.postData?.text);
      const list = this.#byKey.get(key) ?? [];
      list.push(e);
      this.#byKey.set(key, list);
    }
    // Longest first, so `https://a.b:8443` is not cut short by `https://a.b`.
    this.#origins = [...origins].sort((a, b) => b.length - a.length);
  }

  /** Every recorded origin replaced by the replay's. */
  rebase(text: string, origin: string): string {
    let out = text;
    for (const o of this.#origins) out = out.replaceAll(o, origin);
    return out;
  }

  /** The recorded answer to `req`, or undefined when the recording has none. */
  find(req: SandboxRequest): Reply | undefined {
    const key = requestKey(
      req.method === 'HEAD' ? 'GET' : req.method,
      req.url,
      req.body || undefined,
    );
    const list = this.#byKey.get(key);
    if (!list) return undefined;
    const n = this.#served.get(key) ?? 0;
    this.#served.set(key, n + 1);
    const entry = list[Math.min(n, list.length - 1)] as RecordingEntry;
    const headers: Record<string, string> = {};
    for (const h of entry.response.headers) {
      if (!OWN_HEADERS.has(h.name.toLowerCase()))
        headers[h.name.toLowerCase()] = this.rebase(h.value, req.origin);
    }
    return {
      status: entry.response.status,
      headers,
      text: this.rebase(entry.response.content.text ?? '', req.origin),
      contentType: entry.response.content.mimeType || 'application/octet-stream',
    };
  }
}
