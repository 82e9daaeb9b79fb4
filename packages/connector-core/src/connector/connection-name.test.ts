import { describe, expect, it } from 'vitest';
import { defaultConnectionName } from './connection-name.js';

describe('defaultConnectionName', () => {
  it('numbers connections per vendor, taking the first number free', () => {
    expect(defaultConnectionName('Hexnode', [])).toBe('Hexnode 1');
    expect(defaultConnectionName('Hexnode', ['Hexnode 1', 'Kandji 2', 'Hexnode 3'])).toBe(
      'Hexnode 2',
    );
    expect(defaultConnectionName('Kandji', ['Kandji 1', 'Kandji 2'])).toBe('Kandji 3');
  });
});
