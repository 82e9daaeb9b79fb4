import { ConfigError } from '../errors/errors.js';
import type { TransportOptions } from '../http/options.js';
import type { RetryOptions } from '../http/retry-timing.js';

/**
 * The option names a factory accepts: per name, `true` for a value whose own keys are not
 * checked, or the names a nested options object accepts. Written once per factory (or read from
 * its valibot schema with {@link optionKeysOf}), so a typo cannot slip past it.
 */
export type OptionKeys = { readonly [name: string]: true | OptionKeys };

/** An option name the factory does not know, and the valid name it most likely meant. */
export interface UnknownOption {
  /** Dot path of the unknown name, such as `timeout.perAtemptMs`. */
  path: string;
  /** Dot path of the nearest valid name, such as `timeout.perAttemptMs`. */
  suggestion: string | undefined;
}

/** What every connector takes beside its own settings: the transport hooks (`TransportOptions`). */
export const TRANSPORT_OPTION_KEYS = {
  retry: {
    limit: true,
    maxDelayMs: true,
    maxTotalDelayMs: true,
    maxRetryAfterMs: true,
    baseDelayMs: true,
    random: true,
  } satisfies Record<keyof RetryOptions, true>,
  timeout: { perAttemptMs: true, totalMs: true },
  onEvent: true,
  signal: true,
  fetch: true,
  clock: true,
  maxResponseBytes: true,
  rateLimitStore: true,
  rateLimitKey: true,
} as const satisfies Record<keyof TransportOptions, true | OptionKeys>;

// Just enough of a valibot schema to find the keys of the objects in it.
interface SchemaNode {
  type?: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  options?: readonly unknown[];
  pipe?: readonly SchemaNode[];
}

const WRAPPERS = new Set([
  'optional',
  'nullable',
  'nullish',
  'undefinedable',
  'exact_optional',
  'non_optional',
  'non_nullable',
  'non_nullish',
]);

/**
 * The option names a valibot schema accepts: the entries of each `object` in it (through `pipe`,
 * `optional` and the other wrappers, and merged over the options of a `union`). Anything else —
 * a `looseObject`, a record, a primitive — is `true`: its keys are not checked.
 *
 * @param schema - A valibot schema, usually a connector's options.
 */
export function optionKeysOf(schema: unknown): true | OptionKeys {
  const node = schema as SchemaNode;
  if (Array.isArray(node.pipe) && node.pipe[0] && node.pipe[0] !== node) {
    return optionKeysOf(node.pipe[0]);
  }
  if (node.type && WRAPPERS.has(node.type) && node.wrapped) return optionKeysOf(node.wrapped);
  if ((node.type === 'object' || node.type === 'strict_object') && node.entries) {
    const keys: Record<string, true | OptionKeys> = {};
    for (const [name, entry] of Object.entries(node.entries)) keys[name] = optionKeysOf(entry);
    return keys;
  }
  if ((node.type === 'union' || node.type === 'variant') && Array.isArray(node.options)) {
    const merged: Record<string, true | OptionKeys> = {};
    for (const option of node.options) {
      const keys = optionKeysOf(option);
      if (keys === true) return true;
      for (const [name, nested] of Object.entries(keys)) {
        const before = merged[name];
        merged[name] =
          before === undefined || before === nested
            ? nested
            : before === true || nested === true
              ? true
              : mergeKeys(before, nested);
      }
    }
    return merged;
  }
  return true;
}

/** Both sets of names, nested ones merged. */
export function mergeKeys(a: OptionKeys, b: OptionKeys): OptionKeys {
  const out: Record<string, true | OptionKeys> = { ...a };
  for (const [name, nested] of Object.entries(b)) {
    const before = out[name];
    out[name] =
      before === undefined
        ? nested
        : before === true || nested === true
          ? true
          : mergeKeys(before, nested);
  }
  return out;
}

/**
 * The first name in `input` that `keys` does not know, at any depth, with the nearest valid
 * name; `undefined` when every name is known. Plain objects are checked; other values (a `Date`,
 * a function, an array) are taken as they are.
 *
 * @param input - The options as the caller gave them.
 * @param keys - What the factory accepts.
 */
export function findUnknownOption(input: unknown, keys: OptionKeys): UnknownOption | undefined {
  const walk = (value: unknown, level: OptionKeys, at: string): UnknownOption | undefined => {
    if (!isPlainObject(value)) return undefined;
    for (const name of Object.keys(value)) {
      const path = at ? `${at}.${name}` : name;
      const known = Object.hasOwn(level, name) ? level[name] : undefined;
      if (known === undefined) {
        // An explicit `undefined` is how callers leave an option out: nothing to mistype.
        if (value[name] === undefined) continue;
        return { path, suggestion: nearestOption(name, at, level, keys) };
      }
      if (known !== true) {
        const found = walk(value[name], known, path);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(input, keys, '');
}

/**
 * Throws a {@link ConfigError} naming the first unknown option of `input` and the valid name it
 * most likely meant: `createFileStateStore: unknown option "dir"; did you mean "directory"?`.
 *
 * @param factory - Name of the factory, for the message.
 * @param input - The options as the caller gave them.
 * @param keys - What the factory accepts.
 */
export function checkOptionKeys(factory: string, input: unknown, keys: OptionKeys): void {
  const unknown = findUnknownOption(input, keys);
  if (!unknown) return;
  throw new ConfigError(`${factory}: ${describeUnknownOption(unknown)}`, {
    option: unknown.path,
    suggestion: unknown.suggestion,
  });
}

/** `unknown option "pagesize"; did you mean "pageSize"?` */
export function describeUnknownOption(u: UnknownOption): string {
  const hint = u.suggestion ? `; did you mean "${u.suggestion}"?` : '';
  return `unknown option "${u.path}"${hint}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Lower case without separators: `per_page`, `perPage` and `PERPAGE` read alike. */
const flat = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '');

/** The words of a name: `perAttemptMs` → per, attempt, ms; `per_page` → per, page. */
const words = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

/** Every option path of `keys`, nested ones included. */
function allPaths(keys: OptionKeys, at = ''): string[] {
  const out: string[] = [];
  for (const [name, nested] of Object.entries(keys)) {
    const path = at ? `${at}.${name}` : name;
    out.push(path);
    if (nested !== true) out.push(...allPaths(nested, path));
  }
  return out;
}

/** Length of the longest common subsequence of `a` and `b`: breaks ties between distances. */
function commonLength(a: string, b: string): number {
  let previous: number[] = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [0];
    for (let j = 1; j <= b.length; j++) {
      row[j] =
        a[i - 1] === b[j - 1]
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, row[j - 1] as number);
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/**
 * The valid option most likely meant by `name` (found at `at`): the same name spelled otherwise
 * (`pagesize`, `per_page`), then the fewest edits or an abbreviation (`perAtemptMs`, `dir`), then
 * shared words (`perPage` and `pageSize`), then the fewest edits however many. Names beside it
 * win, but a name that exists elsewhere spelled alike or nearly (a top-level `maxRetryAfterMs` for
 * `retry.maxRetryAfterMs`) is named there.
 */
function nearestOption(
  name: string,
  at: string,
  level: OptionKeys,
  root: OptionKeys,
): string | undefined {
  const here = Object.keys(level).map((n) => (at ? `${at}.${n}` : n));
  const everywhere = allPaths(root);
  const leaf = (path: string) => path.slice(path.lastIndexOf('.') + 1);
  const target = flat(name);
  const targetWords = new Set(words(name));
  const score = (path: string, local: boolean) => {
    const candidate = flat(leaf(path));
    const distance = editDistance(target, candidate);
    const shared = words(leaf(path)).filter((w) => targetWords.has(w)).length;
    // A few edits, or an abbreviation (`dir` for `directory`).
    const close =
      distance <= Math.max(2, Math.floor(target.length / 3)) ||
      (target.length >= 3 && candidate.startsWith(target));
    // Lower is better: the same name otherwise spelled, then close, then sharing a word.
    const tier = distance === 0 ? 0 : close ? 1 : shared > 0 ? 2 : 3;
    // Elsewhere in the options, only a name spelled alike or nearly is worth naming.
    if (!local && tier > 1) return undefined;
    return [
      tier,
      local ? 0 : 1,
      tier === 2 ? -shared : 0,
      distance,
      -commonLength(target, candidate),
    ];
  };
  let best: { path: string; key: readonly number[] } | undefined;
  const consider = (path: string, local: boolean) => {
    const key = score(path, local);
    if (!key) return;
    if (!best || compareKeys(key, best.key) < 0) best = { path, key };
  };
  for (const path of here) consider(path, true);
  for (const path of everywhere) if (!here.includes(path)) consider(path, false);
  return best?.path;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
