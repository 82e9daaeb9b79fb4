import { InputError } from './input-error.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration option: `90s`, `15m`, `6h`, `1d` or milliseconds (`5000`).
 *
 * @throws InputError naming the option when the text is not a positive duration.
 */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1) : Number.NaN;
  if (!(Number.isFinite(ms) && ms >= 1)) {
    throw new InputError(
      `${option} ${JSON.stringify(text)} is not a duration`,
      `write it like 90s, 15m, 6h or 1d`,
    );
  }
  return Math.round(ms);
}
