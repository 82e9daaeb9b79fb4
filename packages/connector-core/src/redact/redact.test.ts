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
