import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './normalize-email.js';

describe('normalizeEmail', () => {
  it('ignores case, spaces and plus-addressing', () => {
    expect(normalizeEmail('  Ada.Lovelace+MDM@Acme.COM ')).toBe('ada.lovelace@acme.com');
  });

  it('keeps the tag when plus-addressing is off', () => {
    expect(normalizeEmail('ada+mdm@acme.com', { plusAddressing: false })).toBe('ada+mdm@acme.com');
  });

  it('maps domain aliases to their canonical domain', () => {
    const o = { domainAliases: { 'Acme.IO': 'acme.com' } };
    expect(normalizeEmail('ada@acme.io', o)).toBe('ada@acme.com');
    expect(normalizeEmail('ada@other.io', o)).toBe('ada@other.io');
  });

  it('returns undefined for anything that is not an email', () => {
    for (const value of [null, undefined, '', '  ', 'ada', '@acme.com', 'ada@']) {
      expect(normalizeEmail(value)).toBeUndefined();
    }
  });
});
