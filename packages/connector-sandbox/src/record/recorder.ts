import { randomBytes } from 'node:crypto';
import type { Recording, RecordingEntry } from './format.js';
import { PersonalData, Pseudonyms } from './pseudonymise.js';
import { REDACTED, Redactor } from './redact.js';

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  /** The vendor whose API is recorded: a sandbox vendor's name, to replay it (`kandji`). */
  vendor: string;
  /** The connection's name, kept in the recording. Default the vendor's. */
  connection?: string | undefined;
  /**
   * The connection's secrets (API key, token, client secret, private key): removed wherever they
   * appear. Whatever a request carries in a credential header is removed too, told or not.
   */
  secrets?: readonly string[] | undefined;
  /**
   * `pseudonymise` (default): emails, names, phone numbers and serials become consistent fakes;
   * `keep`: they stay as the vendor sent them (for a tenant of test data).
   */
  personalData?: 'pseudonymise' | 'keep' | undefined;
  /**
   * The key of the fakes. Recordings made with the same salt map the same person to the same fake
   * (so several vendors' recordings still join by email); default a random one, which only this
   * recorder ever knows. It is never written into the recording.
   */
  salt?: string | undefined;
  /** The `fetch` requests go through (default the global one). */
  fetch?: typeof fetch | undefined;
  /** The time of each request (default `Date.now`). */
  now?: (() => number) | undefined;
  /** The creator named in the recording. Default `connector-kit`. */
  creator?: { name: string; version: string } | undefined;
}

/** Records what a connector sends and receives; see {@link createRecorder}. */
export interface Recorder {
  /** Give this to the connector (its `fetch` option): every request it sends is recorded. */
  readonly fetch: typeof fetch;
  /** Requests recorded so far. */
  readonly size: number;
  /**
   * The recording of every request so far, with credentials removed and, unless the recorder
   * keeps it, personal data replaced.
   *
   * @throws Error when a secret the recorder knows would still be in it (never written).
   */
  recording(): Recording;
}

/** A request and its response as sent and received, before anything is removed. */
interface Raw {
  started: number;
  time: number;
  method: string;
  url: string;
  headers: Array<{ name: string; value: string }>;
  body: string | undefined;
  requestType: string;
  status: number;
  statusText: string;
  responseHeaders: Array<{ name: string; value: string }>;
  text: string;
  responseType: string;
}

/** A body as the recording rewrites it: JSON, a form, or text. */
type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: URLSearchParams }
  | { kind: 'text'; value: string };

function parseBody(text: string, type: string): Body {
  if (/json/i.test(type) || /^\s*[[{]/.test(text)) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      // not JSON after all
    }
  }
  if (/x-www-form-urlencoded/i.test(type))
    return { kind: 'form', value: new URLSearchParams(text) };
  return { kind: 'text', value: text };
}

const bodyText = (b: Body) =>
  b.kind === 'json' ? JSON.stringify(b.value) : b.kind === 'form' ? b.value.toString() : b.value;

/** Response headers that describe the bytes on the wire, not the (decoded) text kept. */
const WIRE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

const headerList = (h: Headers) => [...h].map(([name, value]) => ({ name, value }));

/**
 * Records a connector's requests and responses for a replay (`startReplay`): pass
 * `recorder.fetch` as the connector's `fetch`, run it, then write `recorder.recording()` (a HAR
 * 1.2 log). Every credential, token and cookie is removed; by default personal data (emails,
 * names, phone numbers, serials) is replaced by fakes that stay the same for the same input, so
 * joins still work. The "Record and replay" guide has the format and every rule.
 *
 * @example
 * ```ts
 * const recorder = createRecorder({ vendor: 'kandji', secrets: [apiToken] });
 * const kandji = createKandjiConnector({ apiToken, apiUrl, fetch: recorder.fetch });
 * for await (const account of kandji.accounts()) void account;
 * await writeFile('kandji.har.json', JSON.stringify(recorder.recording()));
 * ```
 */
export function createRecorder(o: RecorderOptions): Recorder {
  const inner = o.fetch ?? globalThis.fetch;
  const now = o.now ?? Date.now;
  const salt = o.salt ?? randomBytes(32).toString('hex');
  const raw: Raw[] = [];

  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : undefined;
    const started = now();
    const response = await inner(request);
    const bytes = Buffer.from(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    raw.push({
      started,
      time: Math.max(0, now() - started),
      method: request.method,
      url: request.url,
      headers: headerList(request.headers),
      body,
      requestType: request.headers.get('content-type') ?? '',
      status: response.status,
      statusText: response.statusText,
      responseHeaders: headerList(headers).filter((h) => !WIRE_HEADERS.has(h.name)),
      text: bytes.toString('utf8'),
      responseType: headers.get('content-type') ?? '',
    });
    for (const name of WIRE_HEADERS) headers.delete(name);
    const empty = [101, 204, 205, 304].includes(response.status);
    return new Response(empty ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };

  return {
    fetch: recordingFetch,
    get size() {
      return raw.length;
    },
    recording: () =>
      build(raw, {
        vendor: o.vendor,
        connection: o.connection ?? o.vendor,
        secrets: o.secrets ?? [],
        pseudonymise: (o.personalData ?? 'pseudonymise') === 'pseudonymise',
        salt,
        creator: o.creator ?? { name: 'connector-kit', version: '1' },
      }),
  };
}

/** The recording of `raw`: credentials removed first, then personal data replaced. */
function build(
  raw: readonly Raw[],
  o: {
    vendor: string;
    connection: string;
    secrets: readonly string[];
    pseudonymise: boolean;
    salt: string;
    creator: { name: string; version: string };
  },
): Recording {
  const redactor = new Redactor(o.secrets);
  // Whatever travelled as a credential is a secret wherever else it shows up (an echoed key).
  for (const r of raw) for (const h of r.headers) redactor.learnHeader(h.name, h.value);

  const cleanUrl = (text: string): URL => {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    url.pathname = redactor.text(url.pathname);
    const query = [...url.searchParams].map(([k, v]) => [k, redactor.field(k, v)] as const);
    url.search = new URLSearchParams(query.map(([k, v]): [string, string] => [k, v])).toString();
    return url;
  };
  const cleanBody = (b: Body): Body => {
    if (b.kind === 'json') return { kind: 'json', value: redactor.json(b.value) };
    if (b.kind === 'form') {
      return {
        kind: 'form',
        value: new URLSearchParams(
          [...b.value].map(([k, v]): [string, string] => [k, redactor.field(k, v)]),
        ),
      };
    }
    return { kind: 'text', value: redactor.text(b.value) };
  };

  const cleaned = raw.map((r) => ({
    r,
    url: cleanUrl(r.url),
    headers: redactor.headers(r.headers),
    request: r.body === undefined ? undefined : cleanBody(parseBody(r.body, r.requestType)),
    responseHeaders: redactor.headers(r.responseHeaders),
    response: cleanBody(parseBody(r.text, r.responseType)),
  }));

  if (o.pseudonymise) {
    const people = new PersonalData(new Pseudonyms(o.salt));
    const asObject = (p: URLSearchParams) => Object.fromEntries(p);
    for (const c of cleaned) {
      for (const b of [c.request, c.response]) {
        if (b?.kind === 'json') people.collect(b.value);
        if (b?.kind === 'form') people.collect(asObject(b.value));
      }
      people.collect(asObject(c.url.searchParams));
    }
    const personal = (b: Body): Body =>
      b.kind === 'json'
        ? { kind: 'json', value: people.body(b.value) }
        : b.kind === 'form'
          ? {
              kind: 'form',
              value: new URLSearchParams(
                [...b.value].map(([k, v]): [string, string] => [k, people.field(k, v)]),
              ),
            }
          : { kind: 'text', value: people.text(b.value) };
    for (const c of cleaned) {
      c.url.pathname = c.url.pathname
        .split('/')
        .map((segment) => encodeURIComponent(people.text(decodeURIComponent(segment))))
        .join('/');
      c.url.search = new URLSearchParams(
        [...c.url.searchParams].map(([k, v]): [string, string] => [k, people.field(k, v)]),
      ).toString();
      c.headers = c.headers.map((h) => ({ name: h.name, value: people.text(h.value) }));
      c.responseHeaders = c.responseHeaders.map((h) => ({
        name: h.name,
        value: people.text(h.value),
      }));
      if (c.request) c.request = personal(c.request);
      c.response = personal(c.response);
    }
  }

  const entries: RecordingEntry[] = cleaned.map((c) => {
    const requestText = c.request === undefined ? undefined : bodyText(c.request);
    const responseText = bodyText(c.response);
    return {
      startedDateTime: new Date(c.r.started).toISOString(),
      time: c.r.time,
      request: {
        method: c.r.method,
        url: c.url.toString(),
        httpVersion: 'HTTP/1.1',
        headers: c.headers,
        queryString: [...c.url.searchParams].map(([name, value]) => ({ name, value })),
        ...(requestText === undefined
          ? {}
          : { postData: { mimeType: c.r.requestType, text: requestText } }),
        headersSize: -1,
        bodySize: requestText === undefined ? 0 : Buffer.byteLength(requestText),
      },
      response: {
        status: c.r.status,
        statusText: c.r.statusText,
        httpVersion: 'HTTP/1.1',
        headers: c.responseHeaders,
        content: {
          size: Buffer.byteLength(responseText),
          mimeType: c.r.responseType,
          text: responseText,
        },
        redirectURL: c.responseHeaders.find((h) => h.name === 'location')?.value ?? '',
        headersSize: -1,
        bodySize: Buffer.byteLength(responseText),
      },
      cache: {},
      timings: { send: 0, wait: c.r.time, receive: 0 },
    };
  });

  const recording: Recording = {
    log: {
      version: '1.2',
      creator: o.creator,
      _connectorKit: {
        format: 1,
        vendor: o.vendor,
        connection: o.connection,
        credentials: 'removed',
        personalData: o.pseudonymise ? 'pseudonymised' : 'kept',
      },
      entries,
    },
  };
  // The last guard: a secret the recorder knows never leaves it, whatever slipped past the rules.
  const text = JSON.stringify(recording);
  if (redactor.text(text).replaceAll(REDACTED, '') !== text.replaceAll(REDACTED, '')) {
    throw new Error('the recording would hold a secret: refusing to produce it');
  }
  return recording;
}
