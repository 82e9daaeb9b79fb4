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
});
