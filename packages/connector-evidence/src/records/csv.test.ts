import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('names every column any row has, in first-seen order, with CRLF line ends', () => {
    expect(toCsv([{ a: 1 }, { b: true, a: null }])).toBe('a,b\r\n1,\r\n,true\r\n');
  });

  it('quotes commas, quotes and line breaks, and joins arrays', () => {
    expect(toCsv([{ v: 'x, "y"\nz', l: ['a', 'b'] }])).toBe('v,l\r\n"x, ""y""\nz",a; b\r\n');
  });

  it('turns a cell a spreadsheet would run as a formula into text', () => {
    expect(toCsv([{ v: '=HYPERLINK("http://x")' }, { v: '-1' }])).toBe(
      'v\r\n"\'=HYPERLINK(""http://x"")"\r\n\'-1\r\n',
    );
  });
});
