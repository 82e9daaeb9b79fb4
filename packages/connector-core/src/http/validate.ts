import * as v from 'valibot';
import type { ValidationIssue } from '../errors/errors.js';

/** The kind of a value (`null`, `array`, `string`, ...), never the value itself. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

/** `$.results[3].email` from a valibot issue path. */
export function jsonPath(path: readonly { key?: unknown }[] | undefined): string {
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

/** Issues a {@link ValidationError} keeps: enough to see the pattern, bounded however bad the page. */
export const MAX_KEPT_ISSUES = 5;

// Just enough of a valibot schema to walk into its arrays and objects.
interface SchemaNode {
  type?: string;
  pipe?: readonly SchemaNode[];
  wrapped?: SchemaNode;
  item?: SchemaNode;
  entries?: Record<string, SchemaNode>;
}

const WRAPPERS = new Set(['optional', 'nullable', 'nullish', 'exact_optional', 'undefinedable']);
const OBJECTS = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest']);

type PathKey = { key: string | number };

/**
 * The first `keep` issues of `value` against `schema`, and how many there are, in memory that
 * does not grow with the count. valibot collects every issue (each with its path and input) before
 * it returns: a page of a million invalid items took gigabytes. Here the page is walked down to
 * its items (through its objects and arrays, each checked first and walked into only when it
 * fails), and each item is checked on its own: only one item's issues live at a time.
 *
 * @param schema - The schema `value` failed.
 * @param value - The parsed body.
 * @param keep - Issues to keep (default {@link MAX_KEPT_ISSUES}).
 */
export function collectIssues(
  schema: v.GenericSchema,
  value: unknown,
  keep: number = MAX_KEPT_ISSUES,
): { issues: ValidationIssue[]; count: number } {
  const issues: ValidationIssue[] = [];
  let count = 0;
  const record = (found: readonly v.BaseIssue<unknown>[], at: readonly PathKey[]) => {
    count += found.length;
    for (const issue of found) {
      if (issues.length >= keep) return;
      const path = at.length === 0 ? issue.path : [...at, ...(issue.path ?? [])];
      issues.push({
        path: jsonPath(path),
        expected: issue.expected ?? issue.type,
        received: kindOf(issue.input),
      });
    }
  };
  /** An item of an array: all its issues, then they go. */
  const item = (node: SchemaNode, input: unknown, at: PathKey[]) => {
    const result = v.safeParse(node as v.GenericSchema, input);
    if (!result.success) record(result.issues, at);
  };
  const walk = (node: SchemaNode, input: unknown, at: PathKey[]): void => {
    const result = v.safeParse(node as v.GenericSchema, input, { abortEarly: true });
    if (result.success) return;
    const before = count;
    const inner = innerSchema(node, input);
    if (inner?.type === 'array' && inner.item && Array.isArray(input)) {
      for (let i = 0; i < input.length; i++) item(inner.item, input[i], [...at, { key: i }]);
    } else if (inner && OBJECTS.has(inner.type ?? '') && inner.entries && isRecord(input)) {
      for (const [key, entry] of Object.entries(inner.entries)) {
        walk(entry, input[key], [...at, { key }]);
      }
    }
    // Nothing inside failed on its own: the issue is this part's (its type, a check on it).
    if (count === before) record([result.issues[0]], at);
  };
  walk(schema as SchemaNode, value, []);
  return { issues, count };
}

/** The schema that checks the shape of `input` inside pipes and wrappers, when there is one. */
function innerSchema(node: SchemaNode, input: unknown): SchemaNode | undefined {
  let current: SchemaNode | undefined = node;
  for (let depth = 0; current && depth < 16; depth++) {
    if (Array.isArray(current.pipe) && current.pipe[0] && current.pipe[0] !== current) {
      current = current.pipe[0];
    } else if (WRAPPERS.has(current.type ?? '') && current.wrapped && input != null) {
      current = current.wrapped;
    } else return current;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
