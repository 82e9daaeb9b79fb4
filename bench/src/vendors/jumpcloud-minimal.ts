// The memory floor of a JumpCloud listing: the least any client could keep alive while it streams
// users, to tell the memory a connector keeps from the memory V8's own heap sizing adds.
import http from 'node:http';
import https from 'node:https';
import type { CredentialsByVendor } from '@org/connector-sandbox';

type Credentials = Pick<CredentialsByVendor['jumpcloud'], 'apiKey' | 'orgId' | 'baseUrl'>;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The byte ranges of the elements of the array that follows `"results":` in a JSON body, found by
 * counting brackets outside strings. Enough for a body this loop asked for from a server it
 * trusts (the bench's sandbox): each range is parsed by `JSON.parse`, which rejects a wrong one.
 */
export function resultRanges(body: Buffer): Array<[start: number, end: number]> {
  const key = body.indexOf('"results"');
  if (key < 0) throw new Error('no "results" in the body');
  let i = body.indexOf(OPEN_BRACKET, key) + 1;
  const ranges: Array<[number, number]> = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (; i > 0 && i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
      if (depth === 0) start = i;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth++ === 0) start = i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return ranges; // the results array's own `]`
      if (--depth === 0) ranges.push([start, i + 1]);
    }
  }
  throw new Error('the results array is not closed');
}

/** One GET's whole body, as bytes, over a keep-alive agent. */
function getBytes(url: URL, headers: Record<string, string>): Promise<Buffer> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.get(url, { headers, agent: transport.globalAgent }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`HTTP ${res.statusCode} from the sandbox`));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => resolve(Buffer.concat(chunks)));
      res.once('error', reject);
    });
    req.once('error', reject);
  });
}

/**
 * JumpCloud users read the way that keeps the least alive: `node:http` with keep-alive, one page
 * at a time, the page kept as bytes (outside V8's heap) and each user parsed from its own byte
 * range only when the consumer asks for it. At any collection only the current user and a few
 * request objects are young and alive, so what this loop's peak RSS does as the users grow is V8's
 * and Node's doing, not a client's. It validates nothing and retries nothing: a floor, not a
 * client to ship.
 */
export async function* jumpcloudMinimalLoop(
  c: Credentials,
  pageSize: number,
  fields: string,
): AsyncGenerator<unknown> {
  const headers = { 'x-api-key': c.apiKey, 'x-org-id': c.orgId, accept: 'application/json' };
  const select = `&fields=${encodeURIComponent(fields)}`;
  for (let page = 0; ; page++) {
    const url = new URL(
      `${c.baseUrl}/api/systemusers?sort=_id&limit=${pageSize}&skip=${page * pageSize}${select}`,
    );
    const body = await getBytes(url, headers);
    const ranges = resultRanges(body);
    for (const [start, end] of ranges) yield JSON.parse(body.toString('utf8', start, end));
    if (ranges.length < pageSize) return;
  }
}
