import { describe, expect, it } from 'vitest';
import { errorSurface, leaksSecret } from '../src/index.js';

const SECRET = 'sk-CANARY-0123456789abcdef';

describe('leaksSecret', () => {
  it('finds a whole secret, and a piece of one cut by a length limit', () => {
    expect(leaksSecret(`key=${SECRET}`, [SECRET])).toBe(true);
    expect(leaksSecret(`…${SECRET.slice(0, 12)}`, [SECRET])).toBe(true);
    expect(leaksSecret(`${SECRET.slice(0, 9)}…`, [SECRET])).toBe(false);
    expect(leaksSecret('nothing here', [SECRET])).toBe(false);
  });

  it('looks for a secret shorter than a piece whole', () => {
    expect(leaksSecret('pin 4711 sent', ['4711'])).toBe(true);
    expect(leaksSecret('anything', [''])).toBe(false);
  });
});

describe('errorSurface', () => {
  it('lays out the message, stack and JSON of every error in the cause chain', () => {
    const root = Object.assign(new Error(`deep ${SECRET}`), { toJSON: () => ({ hidden: 'json' }) });
    const text = errorSurface(new Error('outer', { cause: root }));
    expect(text).toContain('outer');
    expect(leaksSecret(text, [SECRET])).toBe(true);
    expect(text).toContain('"hidden":"json"');
  });
});
