import { describe, expect, it } from 'vitest';
import { kandjiErrorDetail } from './error-detail.js';

describe('kandjiErrorDetail', () => {
  it.each<[string, unknown, string, string | undefined]>([
    ['a bare JSON string', 'Not found.', '"Not found."', 'Not found.'],
    ['a JSON array', ['Invalid cursor', 'Try again'], '[...]', 'Invalid cursor; Try again'],
    [
      'detail',
      { detail: 'Authentication credentials were not provided.' },
      '{}',
      'Authentication credentials were not provided.',
    ],
    [
      'field errors',
      { email: ['Enter a valid email.'], limit: ['Too big'] },
      '{}',
      'email: Enter a valid email.; limit: Too big',
    ],
    [
      'an HTML page',
      undefined,
      '<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>',
      undefined,
    ],
    [
      'an HTML page handed over as text',
      '<html><body>Not Found</body></html>',
      '<html><body>Not Found</body></html>',
      undefined,
    ],
    ['plain text', 'upstream connect error', 'upstream connect error', 'upstream connect error'],
    [
      'plain text without a parsed body',
      undefined,
      'upstream connect error',
      'upstream connect error',
    ],
    ['an empty body', undefined, '', undefined],
    ['JSON null', null, 'null', undefined],
    ['an empty object', {}, '{}', undefined],
  ])('reads %s', (_name, body, text, expected) => {
    expect(kandjiErrorDetail(body, text)).toBe(expected);
  });

  it('clips long messages', () => {
    const detail = kandjiErrorDetail({ detail: 'x'.repeat(1000) }, '');
    expect(detail?.length).toBe(200);
  });

  it('survives deeply nested bodies', () => {
    const deep = { a: { b: { c: { d: { e: 'too deep' } } } } };
    expect(() => kandjiErrorDetail(deep, '')).not.toThrow();
  });
});
