import type { GraphValue } from './entity.js';
import { isIsoTime, timestampOf } from './jupiterone.js';

const MAX_DEPTH = 3;
// JupiterOne's property names: letters, digits, dots, spaces and hyphens (`#GraphObject`).
const PROPERTY_NAME = /^[A-Za-z0-9. -]+$/;

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

function scalarArray(value: unknown[]): GraphValue | undefined {
  if (value.every((v) => typeof v === 'string')) return value as string[];
  if (value.every((v) => typeof v === 'number')) return value as number[];
  if (value.every((v) => typeof v === 'boolean')) return value as boolean[];
  return undefined;
}

/**
 * A vendor field name in JupiterOne's camelCase: `password_expired` → `passwordExpired`,
 * Prism's `device__name` → `deviceName`, `_id` → `id`; camelCase names stay as they are.
 */
export function camelCase(name: string): string {
  return name.replace(/^_+/, '').replace(/_+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A vendor object's fields as flat JupiterOne properties: camelCase names, nested objects as
 * dotted names (`mfa.configured`, `filevault.filevaultEnabled`), arrays of one scalar type kept,
 * times (a `Date`, ISO 8601 text) as epoch milliseconds. Left out: `null`, empty text, arrays of
 * objects, deeper nesting and names JupiterOne does not allow. Connectors already drop secrets;
 * `omit` drops fields (by their vendor name, `user.email`) a mapping replaces.
 */
export function vendorFields(
  source: object,
  omit: ReadonlySet<string> = new Set(),
): Record<string, GraphValue> {
  const out: Record<string, GraphValue> = {};
  const walk = (value: object, path: string, name: string, depth: number) => {
    for (const [field, item] of Object.entries(value)) {
      const vendorName = path + field;
      if (omit.has(vendorName) || item === undefined || item === null || item === '') continue;
      const key = name + camelCase(field);
      if (item instanceof Date) {
        const t = timestampOf(item);
        if (t !== null && PROPERTY_NAME.test(key)) out[key] = t;
      } else if (isScalar(item)) {
        if (!PROPERTY_NAME.test(key)) continue;
        out[key] = typeof item === 'string' && isIsoTime(item) ? (timestampOf(item) ?? item) : item;
      } else if (Array.isArray(item)) {
        const arr = scalarArray(item);
        if (arr !== undefined && PROPERTY_NAME.test(key)) out[key] = arr;
      } else if (typeof item === 'object' && depth < MAX_DEPTH) {
        walk(item, `${vendorName}.`, `${key}.`, depth + 1);
      }
    }
  };
  walk(source, '', '', 1);
  return out;
}
