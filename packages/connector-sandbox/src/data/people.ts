import { FIRST_NAMES, LAST_NAMES } from './names.js';
import { hash } from './random.js';

/** The vendor-neutral facts of one generated person; vendors shape them into their objects. */
export interface Person {
  index: number;
  firstName: string;
  lastName: string;
  /** Unique across indices (the name combination is permuted, then numbered per cycle). */
  email: string;
  username: string;
}

const COMBOS = FIRST_NAMES.length * LAST_NAMES.length;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A multiplier coprime with COMBOS, chosen by seed, so `index → combination` is a bijection. */
function multiplier(seed: number): number {
  let m = 7919 + (hash(seed, 0x5eed) % 5000);
  while (gcd(m, COMBOS) !== 1) m++;
  return m;
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Derives the person at `index` for `seed`; two indices never share an email. */
export function person(seed: number, index: number, domain: string): Person {
  const combo = (index * multiplier(seed) + (hash(seed, 0xc0b0) % COMBOS)) % COMBOS;
  const cycle = Math.floor(index / COMBOS);
  const firstName = FIRST_NAMES[combo % FIRST_NAMES.length] as string;
  const lastName = LAST_NAMES[Math.floor(combo / FIRST_NAMES.length)] as string;
  const local = `${slug(firstName)}.${slug(lastName)}${cycle > 0 ? cycle + 1 : ''}`;
  return { index, firstName, lastName, email: `${local}@${domain}`, username: local };
}
