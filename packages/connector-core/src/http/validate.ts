import type * as v from 'valibot';
import type { ValidationIssue } from '../errors/errors.js';

/** The kind of a value (`null`, `array`, `string`, ...), never the value itself. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

/** `$.results[3].email` from a valibot issue path. */
export function jsonPath(path: v.BaseIssue<unknown>['path']): string {
  let out = '$';
  for (const item of path ?? []) {
    const key = (item as { key?: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Turns valibot issues into secret-free {@link ValidationIssue}s (kinds, not values). */
export function toValidationIssues(issues: readonly v.BaseIssue<unknown>[]): ValidationIssue[] {
  return issues.map((issue) => ({
    path: jsonPath(issue.path),
    expected: issue.expected ?? issue.type,
    received: kindOf(issue.input),
  }));
}
