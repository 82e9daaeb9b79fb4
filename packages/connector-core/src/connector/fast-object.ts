import * as v from 'valibot';

/** What a compiled check returns for a value its schema rejects. */
const FAIL: unique symbol = Symbol('fails');

/** A schema's whole run for one value, when it is simple: the output, or {@link FAIL}. */
type Compiled = (value: unknown) => unknown;

// Just enough of a valibot schema or action to read what it checks.
interface Node {
  kind?: string;
  type?: string;
  wrapped?: Node;
  default?: unknown;
  fallback?: unknown;
  options?: readonly unknown[];
  pipe?: readonly Node[];
  requirement?: unknown;
  operation?: unknown;
  async?: boolean;
}

type Dataset = { typed?: boolean; value: unknown; issues?: unknown };
type Run = (dataset: Dataset, config: v.Config<v.BaseIssue<unknown>>) => Dataset;

/**
 * The run of `schema` as one plain function, for the schemas an item's fields use: `string`,
 * `number`, `boolean`, `picklist`, a `union` of those, `optional`/`nullable`/`nullish` of those
 * (with a constant default or none) and `pipe`s of them with `integer`, `min_value`,
 * `max_value`, `check` and `transform` steps. `undefined` for anything else (the field then runs its own schema).
 */
function compile(schema: Node): Compiled | undefined {
  if (schema.async) return undefined;
  // `v.pipe` copies its first schema's type: the pipe is what runs.
  if (Array.isArray(schema.pipe)) return compilePipe(schema.pipe);
  switch (schema.type) {
    case 'string':
      return (x) => (typeof x === 'string' ? x : FAIL);
    case 'number':
      return (x) => (typeof x === 'number' && !Number.isNaN(x) ? x : FAIL);
    case 'boolean':
      return (x) => (typeof x === 'boolean' ? x : FAIL);
    case 'picklist': {
      const options = schema.options ?? [];
      return (x) => (options.includes(x) ? x : FAIL);
    }
  }
  if (schema.kind !== 'schema') return undefined;
  if (schema.type === 'union') {
    const options = (schema.options ?? []) as Node[];
    const runs = options.map(compile);
    if (runs.some((r) => r === undefined)) return undefined;
    const all = runs as Compiled[];
    return (x) => {
      for (const run of all) {
        const out = run(x);
        if (out !== FAIL) return out;
      }
      return FAIL;
    };
  }
  if (schema.type === 'optional' || schema.type === 'nullable' || schema.type === 'nullish') {
    if (typeof schema.default === 'function' || !schema.wrapped) return undefined;
    const inner = compile(schema.wrapped);
    if (!inner) return undefined;
    const d = schema.default;
    const empty =
      schema.type === 'optional'
        ? (x: unknown) => x === undefined
        : schema.type === 'nullable'
          ? (x: unknown) => x === null
          : (x: unknown) => x === null || x === undefined;
    // As valibot does: an empty value takes the default, which runs the wrapped schema unless
    // it is empty too.
    return (x) => {
      if (!empty(x)) return inner(x);
      if (d === undefined) return x;
      return empty(d) ? d : inner(d);
    };
  }
  return undefined;
}

/** A pipe of a compilable schema and checks or transforms (metadata ignored), as one function. */
function compilePipe(pipe: readonly Node[]): Compiled | undefined {
  const [head, ...actions] = pipe;
  const first = head?.kind === 'schema' ? compile(head) : undefined;
  if (!first) return undefined;
  // Each step as valibot runs it, on whatever the schema gave (`null >= 0` holds there too).
  const steps: Array<(x: never) => unknown> = [];
  for (const a of actions) {
    const req = a.requirement as never;
    if (a.kind === 'metadata') continue;
    if (a.type === 'integer') steps.push((x) => (Number.isInteger(x) ? x : FAIL));
    else if (a.type === 'min_value') steps.push((x) => (x >= req ? x : FAIL));
    else if (a.type === 'max_value') steps.push((x) => (x <= req ? x : FAIL));
    else if (a.type === 'check' && typeof req === 'function') {
      const ok = req as (x: unknown) => boolean;
      steps.push((x) => (ok(x) ? x : FAIL));
    } else if (a.type === 'transform' && typeof a.operation === 'function') {
      steps.push(a.operation as (x: never) => unknown);
    } else return undefined;
  }
  return (x) => {
    let out = first(x);
    for (const step of steps) {
      if (out === FAIL) return FAIL;
      out = step(out as never);
    }
    return out;
  };
}

type Absent = 'omit' | 'default' | 'full';
type Item = (
  input: Record<string, unknown>,
  config: unknown,
) => Record<string, unknown> | typeof FAIL;

/** One item's checks as a loop over the keys. */
function looped(
  keys: string[],
  absent: Absent[],
  compiled: Array<Compiled | undefined>,
  runs: Run[],
): Item {
  return (input, config) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      let value: unknown;
      if (key in input) value = input[key];
      else if (absent[i] === 'omit') continue;
      else if (absent[i] === 'full') return FAIL;
      const check = compiled[i];
      if (check) {
        const result = check(value);
        if (result === FAIL) return FAIL;
        out[key] = result;
      } else {
        const d = (runs[i] as Run)({ value }, config as v.Config<v.BaseIssue<unknown>>);
        if (d.issues || !d.typed) return FAIL;
        out[key] = d.value;
      }
    }
    return out;
  };
}

/**
 * The same checks as straight-line code, one named property access per field (a loop's keyed
 * accesses cost most of the time on objects of a dozen fields); `undefined` where code cannot be
 * generated (a runtime that forbids `new Function`), which then uses {@link looped}. The keys are the
 * schema's own, quoted by `JSON.stringify`; no input ever reaches the generated source.
 */
function generated(
  keys: string[],
  absent: Absent[],
  compiled: Array<Compiled | undefined>,
  runs: Run[],
): Item | undefined {
  const lines = keys.map((key, i) => {
    const k = JSON.stringify(key);
    const missing =
      absent[i] === 'omit' ? '' : absent[i] === 'full' ? 'return FAIL;' : `x = undefined;`;
    const get = `x = input[${k}];`;
    const run = compiled[i]
      ? `x = c[${i}](x); if (x === FAIL) return FAIL;`
      : `d = r[${i}]({ value: x }, config); if (d.issues || !d.typed) return FAIL; x = d.value;`;
    // A missing optional field without default is left out; with a default it runs on undefined.
    return absent[i] === 'omit'
      ? `if (${k} in input) { ${get} ${run} out[${k}] = x; }`
      : `if (${k} in input) { ${get} } else { ${missing} } ${run} out[${k}] = x;`;
  });
  const body = `return function item(input, config) { let x; let d; const out = {}; ${lines.join('\n')} return out; };`;
  try {
    return new Function('FAIL', 'c', 'r', body)(FAIL, compiled, runs) as Item;
  } catch {
    return undefined;
  }
}

const OPTIONAL = new Set(['optional', 'nullish', 'exact_optional']);

/** Options of {@link fastObject}. */
export interface FastObjectOptions {
  /**
   * Generate the field checks as code with `new Function` (default `true`: several times faster on
   * objects of a dozen fields). `false` uses a loop, for runtimes whose policy forbids generated
   * code; a runtime that throws on `new Function` gets the loop anyway.
   */
  generate?: boolean | undefined;
}

/**
 * The same schema as `schema` (a `v.object`), validating an item that passes it several times
 * faster: its simple fields (strings, numbers, booleans, picklists, their optional and nullable
 * forms, integer and range checks) are checked in one loop instead of through valibot's per-field
 * runs; other fields run their own schemas. An item that fails any check is validated again by
 * `schema` itself, so what is accepted, the output and the issues are exactly `schema`'s. Meant for
 * the item schemas of large lists, where per-field overhead is most of a sync's validation cost.
 *
 * @param schema - A `v.object` schema.
 * @param options - Whether to generate the checks as code (see {@link FastObjectOptions}).
 * @returns A schema with the same entries, types and results.
 */
export function fastObject<
  S extends v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>,
>(schema: S, options: FastObjectOptions = {}): S {
  const entries = schema.entries as Record<string, Node>;
  const keys = Object.keys(entries);
  const compiled = keys.map((k) => compile(entries[k] as Node));
  const runs = keys.map((k) => (entries[k] as unknown as { '~run': Run })['~run'].bind(entries[k]));
  // A missing key is left out (optional without a default), filled (optional with a constant
  // default), or left to the full run (required, a fallback, a default function).
  const absent = keys.map((k): Absent => {
    const e = entries[k] as Node;
    if (!OPTIONAL.has(e.type ?? '')) return 'full';
    if (e.default === undefined) return 'omit';
    return typeof e.default === 'function' || e.type === 'exact_optional' ? 'full' : 'default';
  });
  const item =
    (options.generate === false ? undefined : generated(keys, absent, compiled, runs)) ??
    looped(keys, absent, compiled, runs);
  const objectRun = (schema as unknown as { '~run': Run })['~run'];
  const full = objectRun.bind(schema);
  // A schema derived from this one (`v.pick`, `v.omit`, a spread) copies `~run` with other
  // entries: it runs valibot's own object run over them.
  const fast = function (this: unknown, dataset: Dataset, config: v.Config<v.BaseIssue<unknown>>) {
    if (
      this !== undefined &&
      this !== copy &&
      (this as { entries?: unknown }).entries !== entries
    ) {
      return objectRun.call(this, dataset, config);
    }
    const input = dataset.value as Record<string, unknown> | null;
    if (!input || typeof input !== 'object') return full(dataset, config);
    const out = item(input, config);
    if (out === FAIL) return full(dataset, config);
    dataset.typed = true;
    dataset.value = out;
    return dataset;
  };
  const copy = Object.create(
    Object.getPrototypeOf(schema),
    Object.getOwnPropertyDescriptors(schema),
  ) as S;
  Object.defineProperty(copy, '~run', { value: fast, enumerable: true, writable: true });
  Object.defineProperty(copy, '~standard', {
    value: {
      version: 1,
      vendor: 'valibot',
      validate: (value: unknown) => fast.call(copy, { value }, v.getGlobalConfig()),
    },
    enumerable: true,
    writable: true,
  });
  return copy;
}
