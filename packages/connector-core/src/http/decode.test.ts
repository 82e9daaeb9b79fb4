import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ServerError, ValidationError } from '../errors/errors.js';
import { decode } from './decode.js';
import type { Exchange } from './exchange.js';

const meta = { vendor: 'acme', endpoint: 'GET /x', status: 200, requestId: undefined };
const ex = (text: string, type = 'application/json'): Exchange => ({
  status: 200,
  headers: new Headers({ 'content-type': type }),
  text,
  request: { url: 'https://a.test/x', method: 'GET', headers: new Headers() },
});

describe('decode', () => {
  it('parses and validates a JSON body', () => {
    expect(decode(ex('{"n":1}'), v.object({ n: v.number() }), meta)).toMatchObject({
      data: { n: 1 },
      status: 200,
    });
  });

  it('treats an empty body as undefined', () => {
    expect(decode(ex('  '), v.undefined(), meta)).toMatchObject({ data: undefined });
  });

  it('returns a retryable failure for a body that is not JSON', () => {
    const out = decode(ex('<html>', 'text/html'), v.unknown(), meta);
    expect('error' in out && out.error).toBeInstanceOf(ServerError);
    expect('error' in out && out.error.message).toMatch(/not JSON \(text\/html\)/);
  });

  it('throws ValidationError with paths and kinds, never values', () => {
    const call = () => decode(ex('{"n":"secret-value"}'), v.object({ n: v.number() }), meta);
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(/at \$\.n: expected number, received string/);
    expect(call).not.toThrow(/secret-value/);
  });

  it('keeps the first few issues and counts the rest, however many items are invalid', () => {
    const Page = v.object({
      count: v.number(),
      results: v.array(v.object({ id: v.number(), email: v.nullable(v.string()) })),
    });
    const results = Array.from({ length: 10_000 }, (_, i) => ({ id: `x${i}`, email: i }));
    const error = (() => {
      try {
        decode(ex(JSON.stringify({ count: 'many', results })), Page, meta);
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    // Two bad fields per item, and the count: every one counted, five kept.
    expect(error?.issueCount).toBe(20_001);
    expect(error?.issues).toEqual([
      { path: '$.count', expected: 'number', received: 'string' },
      { path: '$.results[0].id', expected: 'number', received: 'string' },
      { path: '$.results[0].email', expected: 'string', received: 'number' },
      { path: '$.results[1].id', expected: 'number', received: 'string' },
      { path: '$.results[1].email', expected: 'string', received: 'number' },
    ]);
    expect(error?.message).toBe(
      'acme GET /x returned an unexpected shape at $.count: expected number, received string (and 20000 more)',
    );
  });

  it('counts a failing check of a whole part once, where its own parts pass', () => {
    const Page = v.object({ results: v.pipe(v.array(v.number()), v.maxLength(2)) });
    const call = () => decode(ex('{"results":[1,2,3]}'), Page, meta);
    expect(call).toThrow(/at \$\.results: expected <=2, received array$/);
  });
});
