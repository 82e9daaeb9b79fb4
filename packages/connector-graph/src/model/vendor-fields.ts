import type { GraphValue } from './entity.js';

const MAX_DEPTH = 3;

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function scalarArray(value: unknown[]): GraphValue | undefined {
  if (value.every((v) => typeof v === 'string')) return value as string[];
  if (value.every((v) => typeof v === 'number')) return value as number[];
  if (value.every((v) => typeof v === 'boolean')) return value as boolean[];
  return undefined;
}

/**
 * A vendor object's fields as flat JupiterOne properties: nested objects become dotted names
 * (`mfa.configured`), arrays of one scalar type stay, anything else (arrays of objects, deeper
 * nesting) is left out. Connectors already drop secrets; `omit` drops fields a mapping replaces.
 */
export function vendorFields(
  source: object,
  omit: ReadonlySet<string> = new Set(),
): Record<string, GraphValue> {
  const out: Record<string, GraphValue> = {};
  const walk = (value: object, prefix: string, depth: number) => {
    for (const [name, field] of Object.entries(value)) {
      const key = prefix + name;
      if (omit.has(key) || field === undefined) continue;
      if (isScalar(field)) out[key] = field;
      else if (Array.isArray(field)) {
        const arr = scalarArray(field);
        if (arr !== undefined) out[key] = arr;
      } else if (typeof field === 'object' && depth < MAX_DEPTH) walk(field, `${key}.`, depth + 1);
    }
  };
  walk(source, '', 1);
  return out;
}
