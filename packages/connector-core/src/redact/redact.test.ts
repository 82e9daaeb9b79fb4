import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact.js';

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('key=abc123 again abc123, token=t0k', ['abc123', 't0k'])).toBe(
      `key=${REDACTED} again ${REDACTED}, token=${REDACTED}`,
    );
  });

  it('scrubs the longer of two overlapping secrets whole', () => {
    expect(redact('secret-long', ['secret', 'secret-long'])).toBe(REDACTED);
  });

  it('ignores empty secrets', () => {
    expect(redact('unchanged', [''])).toBe('unchanged');
  });
});

describe('redact: pieces and encodings of a secret', () => {
  const key = '76725efe-0ba1-4c3e-9d2f-5b1a8c7e6d40';

  it('scrubs a 12-character prefix and a suffix the vendor echoed', () => {
    const out = redact(`Invalid API key ${key.slice(0, 12)}… (ends ${key.slice(-10)})`, [key]);
    expect(out).toBe(`Invalid API key ${REDACTED}… (ends ${REDACTED})`);
  });

  it('scrubs an 8-character piece from the middle, but leaves a 7-character one', () => {
    expect(redact(`x${key.slice(5, 13)}y`, [key])).toBe(`x${REDACTED}y`);
    expect(redact(`x${key.slice(5, 12)}y`, [key])).toBe(`x${key.slice(5, 12)}y`);
  });

  it('scrubs the base64 of the secret and a piece of it', () => {
    const b64 = Buffer.from(key).toString('base64');
    expect(redact(`token ${b64}`, [key])).toBe(`token ${REDACTED}`);
    expect(redact(`token ${b64.slice(4, 20)}…`, [key])).toBe(`token ${REDACTED}…`);
  });

  it('scrubs the URL-encoded form of a secret with reserved characters', () => {
    const secret = 'p@ss/word+with=chars&more';
    expect(redact(`?k=${encodeURIComponent(secret)}`, [secret])).toBe(`?k=${REDACTED}`);
  });

  it('scrubs the JSON \\u-escaped form, whole or in part', () => {
    const escaped = [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(redact(`{"k":"${escaped.join('')}"}`, [key])).toBe(`{"k":"${REDACTED}"}`);
    expect(redact(`{"k":"${escaped.slice(3, 14).join('')}"}`, [key])).toBe(`{"k":"${REDACTED}"}`);
  });

  it('leaves text without any piece of the secret alone', () => {
    const text = 'GET /api/systemusers?limit=100 failed (HTTP 503): try again later';
    expect(redact(text, [key])).toBe(text);
  });
});
