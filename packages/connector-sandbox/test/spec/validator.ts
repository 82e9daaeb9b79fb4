import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

// One validator for every vendor spec the sandbox is checked against (Swagger 2.0, OpenAPI 3.0
// and 3.1): ajv over the spec's own schemas, its `$ref`s resolved inside the vendored subset.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A vendored spec subset (see `vendored/README.md`) and where its paths sit in the sandbox. */
export interface SpecSource {
  /** Short name, used in violations and allow-list entries (`jumpcloud-v1`). */
  name: string;
  /** File name under `vendored/`. */
  file: string;
  /** Sandbox path the spec's paths are relative to (`/api`, `/api/v2`, `''`). */
  prefix: string;
}

/** One response the sandbox sent, as the spec check sees it. */
export interface Exchange {
  method: string;
  /** The request path, query excluded. */
  path: string;
  status: number;
  contentType: string;
  /** The parsed JSON body, or the text of a body that is no JSON. */
  body: unknown;
}

/** A response body the spec documents nowhere, and the fact sheet's word on it instead. */
export interface FactSheetShape {
  /** Which exchanges it covers. */
  matches(e: Exchange): boolean;
  /** JSON Schema of the body, or `'html'` for a proxy's or framework's HTML page. */
  schema: Json | 'html';
  /** Where the fact sheet (or RFC) says so. */
  why: string;
}

/** A place where the spec is wrong about the vendor: violations it matches are allowed. */
export interface AllowEntry {
  /** The spec (`SpecSource.name`). */
  spec: string;
  /** The spec operation (`GET /users`), when the entry is about one. */
  operation?: string;
  /** The JSON path of the value (`/results/0/active`), as a pattern. */
  at?: RegExp;
  /** The ajv keyword (`type`, `required`). */
  keyword: string;
  /** What the spec says, as ajv's message (`must be integer`), as a pattern. */
  message?: RegExp;
  /** The JSON type of the value the vendor really sends there (`boolean`, `null`, `array`). */
  got?: string;
  /** Why the vendor wins: the fact sheet or the spec's own example that says otherwise. */
  why: string;
}

/** A response that does not match the spec: the route, the JSON path and what is wrong. */
export interface Violation {
  route: string;
  spec: string;
  operation: string;
  status: number;
  at: string;
  keyword: string;
  message: string;
  /** The JSON type of the value found. */
  got: string;
}

/** The JSON type of a value: `null`, `array`, `object`, `string`, `number`, `boolean`. */
const jsonType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;

/** `GET /api/systemusers → 200 (jumpcloud-v1 GET /systemusers) at /results/3/mfa: must be object` */
export const describeViolation = (v: Violation): string =>
  `${v.route} → ${v.status} (${v.spec} ${v.operation}) at ${v.at || '/'}: ${v.message} (got ${v.got})`;

/**
 * OpenAPI and Swagger schema objects as JSON Schema: `nullable` (3.0) and `x-nullable` (2.0)
 * admit `null`; a `oneOf` with a `discriminator` mapping picks its branch by the discriminating
 * property, as the spec means it (subtypes `allOf` their base, so plain `oneOf` would match
 * several); a discriminator alone says nothing to validate. `ref` makes a local `$ref` absolute.
 */
function toJsonSchema(node: unknown, ref: (r: string) => string): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, ref));
  if (!isObject(node)) return node;
  const {
    nullable,
    'x-nullable': xNullable,
    discriminator,
    oneOf,
    $ref,
    ...rest
  } = node as Json & { discriminator?: unknown };
  const out: Json = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v, ref)]),
  );
  if (typeof $ref === 'string') out.$ref = ref($ref);
  let schema: Json = out;
  const mapping = isObject(discriminator) ? (discriminator.mapping as Json | undefined) : undefined;
  if (Array.isArray(oneOf) && isObject(discriminator) && mapping) {
    const prop = String(discriminator.propertyName);
    schema = {
      ...out,
      type: 'object',
      required: [prop],
      properties: { ...(out.properties as Json), [prop]: { enum: Object.keys(mapping) } },
      allOf: Object.entries(mapping).map(([value, target]) => ({
        if: { properties: { [prop]: { const: value } } },
        // JSON Schema's own keyword, not a thenable.
        // biome-ignore lint/suspicious/noThenProperty: the if/then of JSON Schema
        then: { $ref: ref(String(target)) },
      })),
    };
  } else if (Array.isArray(oneOf)) schema = { ...out, oneOf: toJsonSchema(oneOf, ref) };
  return nullable === true || xNullable === true ? { anyOf: [schema, { type: 'null' }] } : schema;
}

/** A schema that says nothing of a value's structure: no type, or an object or array of nothing. */
const structureless = (s: Json) =>
  !['properties', 'items', 'additionalProperties', '$ref', 'allOf', 'anyOf', 'oneOf', 'enum'].some(
    (k) => k in s,
  ) &&
  (s.type === undefined || s.type === 'object' || s.type === 'array');

/**
 * The shape of an example value: the JSON type of each value, property by property and item by
 * item. An example is one instance, so it says nothing of which fields every instance has nor
 * which may be null: none is required, and each admits `null`.
 */
export function fromExample(value: unknown): Json {
  if (value === null || value === undefined) return {};
  if (Array.isArray(value)) {
    const shapes = value.map(fromExample);
    return shapes.length === 0
      ? { type: ['array', 'null'] }
      : { type: ['array', 'null'], items: shapes.reduce(merge) };
  }
  if (isObject(value)) {
    const properties = Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fromExample(v)]),
    );
    return { type: ['object', 'null'], properties };
  }
  return { type: [typeof value === 'number' ? 'number' : typeof value, 'null'] };
}

/** Two example shapes as one that admits both: types joined, properties and items merged. */
function merge(a: Json, b: Json): Json {
  if (!Array.isArray(a.type) || !Array.isArray(b.type)) return {};
  const out: Json = { type: [...new Set([...a.type, ...b.type])] };
  const pa = a.properties as Record<string, Json> | undefined;
  const pb = b.properties as Record<string, Json> | undefined;
  if (pa || pb) {
    const keys = new Set([...Object.keys(pa ?? {}), ...Object.keys(pb ?? {})]);
    out.properties = Object.fromEntries(
      [...keys].map((k) => {
        const [x, y] = [pa?.[k], pb?.[k]];
        return [k, x && y ? merge(x, y) : (x ?? y)];
      }),
    );
  }
  if (a.items || b.items) {
    const [x, y] = [a.items as Json | undefined, b.items as Json | undefined];
    out.items = x && y ? merge(x, y) : (x ?? y);
  }
  return out;
}

/**
 * The spec's schema, where it leaves a value's structure unsaid (Kandji's were generated from
 * Postman examples: `results: {}`, `{ "type": "object" }`), completed by the spec's own example
 * of the response: the example's shape is added beside the schema (`allOf`), never instead of it.
 */
function complete(schema: unknown, example: unknown): unknown {
  if (!isObject(schema) || example === undefined || example === null) return schema;
  if (structureless(schema)) {
    const shape = fromExample(example);
    return Object.keys(schema).length === 0 ? shape : { allOf: [schema, shape] };
  }
  if (isObject(schema.properties) && isObject(example)) {
    const properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, s]) => [k, complete(s, example[k])]),
    );
    return { ...schema, properties };
  }
  if (isObject(schema.items) && Array.isArray(example) && example.length > 0) {
    return { ...schema, items: complete(schema.items, example[0]) };
  }
  return schema;
}

/** The example of a media type or Swagger response: `example` (`{ value }` in Kandji's), `examples`. */
function exampleOf(media: Json): unknown {
  const direct = media.example;
  if (direct !== undefined) return isObject(direct) && 'value' in direct ? direct.value : direct;
  const examples = media.examples;
  if (!isObject(examples)) return undefined;
  const first = Object.values(examples)[0];
  if (isObject(first) && 'value' in first) return first.value;
  return first;
}

interface Operation {
  source: SpecSource;
  document: Json;
  template: string;
  method: string;
  op: Json;
  matcher: RegExp;
}

/** The JSON Schema of one documented response, and where it was found. */
interface Documented {
  schema: Json;
  operation: Operation;
}

/** Checks sandbox responses against vendor specs, the fact sheet where those say nothing. */
export class SpecCheck {
  readonly #ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false });
  readonly #operations: Operation[] = [];
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #used = new Set<AllowEntry>();

  constructor(
    sources: SpecSource[],
    private readonly o: { facts: FactSheetShape[]; allow: AllowEntry[] },
  ) {
    // ajv-formats is CommonJS: its plugin is the module's `default`.
    (formats as unknown as { default: (a: Ajv) => Ajv }).default(this.#ajv);
    for (const source of sources) {
      const document = JSON.parse(
        readFileSync(new URL(`./vendored/${source.file}`, import.meta.url), 'utf8'),
      ) as Json;
      const ref = (r: string) => (r.startsWith('#/') ? `${source.name}${r}` : r);
      this.#ajv.addSchema({
        $id: source.name,
        definitions: toJsonSchema(document.definitions ?? {}, ref),
        components: toJsonSchema(document.components ?? {}, ref),
        responses: toJsonSchema(document.responses ?? {}, ref),
      });
      for (const [template, item] of Object.entries(document.paths as Record<string, Json>)) {
        for (const [method, op] of Object.entries(item)) {
          if (!isObject(op) || !('responses' in op)) continue;
          const pattern = template
            .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            .replace(/\{[^}]+\}/g, '[^/]+');
          this.#operations.push({
            source,
            document,
            template,
            method: method.toUpperCase(),
            op,
            matcher: new RegExp(`^${source.prefix}${pattern}/?$`),
          });
        }
      }
    }
    // A literal path wins over a template (`/prism/count` over a `{category}`).
    this.#operations.sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  }

  /** The spec operation of a request, if any spec has one. */
  operation(method: string, path: string): Operation | undefined {
    const m = method === 'HEAD' ? 'GET' : method;
    return this.#operations.find((o) => o.method === m && o.matcher.test(path));
  }

  /**
   * The schema the spec gives a response: the operation's own response for the status (or its
   * class, or `default`), else the spec-wide response for the status (JumpCloud's standard
   * errors, which every operation references but the published copies strip).
   */
  #documented(operation: Operation, status: number): Documented | undefined {
    const { op, document, source } = operation;
    const responses = (op.responses ?? {}) as Json;
    const shared = (document.responses ?? {}) as Record<string, Json>;
    let response: unknown =
      responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (response === undefined) {
      const name = Object.keys(shared).find(
        (k) => k === String(status) || k.endsWith(`:${status}`),
      );
      if (name) response = { $ref: `#/responses/${name}` };
    }
    // Follow a response `$ref` inside the document (`#/responses/...`, `#/components/responses/...`).
    for (
      let hops = 0;
      isObject(response) && typeof response.$ref === 'string' && hops < 5;
      hops++
    ) {
      response = (response.$ref as string)
        .slice(2)
        .split('/')
        .reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), document);
    }
    if (!isObject(response)) return undefined;
    const content = response.content as Record<string, Json> | undefined;
    const media = content
      ? (content['application/json'] ??
        Object.entries(content).find(([t]) => t.includes('json'))?.[1])
      : response;
    if (!media || !isObject(media.schema)) return undefined;
    const swaggerExample = isObject(response.examples)
      ? (response.examples as Json)['application/json']
      : undefined;
    const example = content ? exampleOf(media) : swaggerExample;
    const ref = (r: string) => (r.startsWith('#/') ? `${source.name}${r}` : r);
    return { schema: complete(toJsonSchema(media.schema, ref), example) as Json, operation };
  }

  #validator(key: string, schema: Json): ValidateFunction {
    let v = this.#compiled.get(key);
    if (!v) {
      v = this.#ajv.compile(schema);
      this.#compiled.set(key, v);
    }
    return v;
  }

  /** Whether an allow-list entry covers a violation (and notes that it was needed). */
  #allowed(v: Violation): boolean {
    const entry = this.o.allow.find(
      (a) =>
        a.spec === v.spec &&
        a.keyword === v.keyword &&
        (a.operation === undefined || a.operation === v.operation) &&
        (a.at === undefined || a.at.test(v.at)) &&
        (a.message === undefined || a.message.test(v.message)) &&
        (a.got === undefined || a.got === v.got),
    );
    if (entry) this.#used.add(entry);
    return entry !== undefined;
  }

  /** The violations of one response: against the spec, else the fact sheet, else "undocumented". */
  check(e: Exchange): Violation[] {
    const route = `${e.method} ${e.path}`;
    const operation = this.operation(e.method, e.path);
    const documented = operation ? this.#documented(operation, e.status) : undefined;
    const fact = documented ? undefined : this.o.facts.find((f) => f.matches(e));
    const base = {
      route,
      got: jsonType(e.body),
      status: e.status,
      spec: operation?.source.name ?? 'fact sheet',
      operation: operation ? `${operation.method} ${operation.template}` : '-',
    };
    const json = /json/.test(e.contentType);
    if (!documented && !fact) {
      return [
        {
          ...base,
          at: '',
          keyword: 'undocumented',
          message: 'no spec or fact-sheet shape documents this response',
        },
      ];
    }
    if (fact?.schema === 'html') {
      return /^text\/html/.test(e.contentType)
        ? []
        : [
            {
              ...base,
              at: '',
              keyword: 'contentType',
              message: `expected an HTML page, got ${e.contentType}`,
            },
          ];
    }
    if (!json) {
      return [
        { ...base, at: '', keyword: 'contentType', message: `expected JSON, got ${e.contentType}` },
      ];
    }
    const key = documented
      ? `${documented.operation.source.name} ${base.operation} ${e.status}`
      : `fact ${this.o.facts.indexOf(fact as FactSheetShape)}`;
    const validate = this.#validator(key, (documented?.schema ?? fact?.schema) as Json);
    if (validate(e.body)) return [];
    return (validate.errors ?? [])
      .map((error: ErrorObject) => ({
        ...base,
        at: error.instancePath,
        keyword: error.keyword,
        message: error.message ?? error.keyword,
        got: jsonType(error.data),
      }))
      .filter((v) => !this.#allowed(v));
  }

  /** Allow-list entries no violation needed: stale, so the list stays short and true. */
  unused(): AllowEntry[] {
    return this.o.allow.filter((a) => !this.#used.has(a));
  }
}
