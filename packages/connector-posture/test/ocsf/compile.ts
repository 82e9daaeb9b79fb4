// Builds a JSON Schema (draft-07) of one OCSF event class from the OCSF schema's own source files
// (dictionary, categories, classes, objects, includes, profiles), as the OCSF schema server
// compiles them:
// - a class or object inherits its `extends` chain; `$include` files add attributes; an attribute
//   is its dictionary entry with the class's or object's settings merged over it (enums merged
//   key by key, so a class's `status_id` values join the dictionary's Unknown and Other);
// - profile attributes exist only for the profiles a record lists in `metadata.profiles` (none
//   are enabled here: records naming a profile fail);
// - `requirement: required` attributes are required; nothing outside the class is allowed, except
//   inside `object` (free-form, such as `unmapped`) and `json_t` values;
// - data types become JSON types with their constraints (`string_t` max length, `datetime_t`
//   regex, `port_t` range, `timestamp_t` an integer);
// - an `_id` attribute with an enum takes only its values, and its sibling (`status` of
//   `status_id`) must be the value's caption unless the value is 99 (Other);
// - `at_least_one` and `just_one` constraints hold, inherited like attributes;
// - `category_uid`, `class_uid` and `type_uid` (class_uid × 100 + activity_id) are the class's,
//   with `class_name`, `category_name` and `type_name` their captions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;
interface AttrDef extends Json {
  type?: string;
  is_array?: boolean;
  enum?: Record<string, { caption?: string }>;
  sibling?: string;
  requirement?: string;
  profile?: string;
}
interface Definition {
  name: string;
  caption?: string;
  uid?: number;
  category?: string;
  extends?: string;
  attributes: Record<string, AttrDef>;
  constraints?: { at_least_one?: string[]; just_one?: string[] };
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON Schema's `if`/`then`: when `condition` holds, so must `consequence`. */
function when(condition: Json, consequence: Json): Json {
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword itself
  return { if: condition, then: consequence };
}

/** Deep merge: objects merged key by key (`over` wins), anything else replaced. */
function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

/** Reads the OCSF schema source under `root` and compiles classes of it to JSON Schema. */
export class OcsfSchema {
  private readonly dictionary: { attributes: Record<string, AttrDef>; types: Json };
  private readonly categories: Record<string, { uid: number; caption: string }>;
  private readonly cache = new Map<string, Definition>();
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
    this.dictionary = this.read('dictionary.json') as never;
    this.categories = (this.read('categories.json') as { attributes: never }).attributes;
  }

  private read(path: string): unknown {
    return JSON.parse(readFileSync(join(this.root, path), 'utf8'));
  }

  /** A class or object with its `extends` chain and `$include`s resolved. */
  private resolve(path: string): Definition {
    const cached = this.cache.get(path);
    if (cached) return cached;
    const raw = this.read(path) as Definition & { attributes: Json };
    let attributes: Record<string, AttrDef> = {};
    let constraints = raw.constraints;
    if (raw.extends) {
      const dir = path.startsWith('objects/') ? 'objects' : path.slice(0, path.lastIndexOf('/'));
      const parentPath =
        raw.extends === 'base_event' ? 'events/base_event.json' : `${dir}/${raw.extends}.json`;
      const parent = this.resolve(parentPath);
      attributes = { ...parent.attributes };
      constraints = raw.constraints ?? parent.constraints;
    }
    const { $include, ...own } = raw.attributes as { $include?: string[] } & Record<
      string,
      AttrDef
    >;
    for (const file of $include ?? []) {
      const included = this.read(file) as {
        meta?: string;
        name: string;
        attributes: Record<string, AttrDef>;
      };
      const profile = included.meta === 'profile' ? included.name : undefined;
      for (const [name, def] of Object.entries(included.attributes)) {
        attributes[name] = merge(attributes[name], profile ? { ...def, profile } : def) as AttrDef;
      }
    }
    for (const [name, def] of Object.entries(own)) {
      attributes[name] = merge(attributes[name], def) as AttrDef;
    }
    const out: Definition = { ...raw, attributes, ...(constraints ? { constraints } : {}) };
    this.cache.set(path, out);
    return out;
  }

  /** A data type (`string_t`...) as JSON Schema, following its `type` chain for constraints. */
  private dataType(name: string): Json {
    const types = (this.dictionary.types as { attributes: Record<string, Json> }).attributes;
    const chain: Json[] = [];
    for (let t: string | undefined = name; t; t = types[t]?.type as string | undefined) {
      chain.push({ name: t, ...types[t] });
    }
    const base = chain[chain.length - 1]?.name as string;
    const schema: Json = (
      {
        string_t: { type: 'string' },
        integer_t: { type: 'integer' },
        long_t: { type: 'integer' },
        float_t: { type: 'number' },
        boolean_t: { type: 'boolean' },
        json_t: {},
      } as Record<string, Json>
    )[base] ?? { type: 'string' };
    for (const t of chain) {
      if (typeof t.regex === 'string' && schema.pattern === undefined) schema.pattern = t.regex;
      if (typeof t.max_len === 'number' && schema.maxLength === undefined)
        schema.maxLength = t.max_len;
      if (Array.isArray(t.range) && schema.minimum === undefined) {
        schema.minimum = t.range[0];
        schema.maximum = t.range[1];
      }
    }
    return schema;
  }

  /** An attribute's value schema; `objects` collects the object definitions it refers to. */
  private attribute(name: string, over: AttrDef, objects: Set<string>): Json {
    const def = merge(this.dictionary.attributes[name], over) as AttrDef;
    if (!def.type) throw new Error(`attribute ${name} has no type in the dictionary`);
    let value: Json;
    if (def.type.endsWith('_t')) value = this.dataType(def.type);
    else if (def.type === 'object') value = { type: 'object' };
    else {
      objects.add(def.type);
      value = { $ref: `#/definitions/${def.type}` };
    }
    if (def.enum && def.type.endsWith('_t')) {
      const keys = Object.keys(def.enum);
      value = {
        ...value,
        enum: keys.map((k) => (value.type === 'integer' ? Number(k) : k)),
      };
    }
    return def.is_array ? { type: 'array', items: value } : value;
  }

  /** Properties, `required`, sibling captions and constraints of a class or object. */
  private body(d: Definition, objects: Set<string>): Json {
    const properties: Json = {};
    const required: string[] = [];
    const rules: Json[] = [];
    for (const [name, over] of Object.entries(d.attributes)) {
      if (over.profile) continue;
      properties[name] = this.attribute(name, over, objects);
      if (over.requirement === 'required') required.push(name);
      const def = merge(this.dictionary.attributes[name], over) as AttrDef;
      if (def.enum && def.sibling && d.attributes[def.sibling]) {
        for (const [key, item] of Object.entries(def.enum)) {
          if (key === '99' || !item.caption) continue;
          rules.push(
            when(
              { properties: { [name]: { const: Number(key) } }, required: [name] },
              { properties: { [def.sibling]: { const: item.caption } } },
            ),
          );
        }
      }
    }
    const c = d.constraints;
    if (c?.at_least_one) rules.push({ anyOf: c.at_least_one.map((n) => ({ required: [n] })) });
    if (c?.just_one) rules.push({ oneOf: c.just_one.map((n) => ({ required: [n] })) });
    return {
      type: 'object',
      properties,
      required,
      additionalProperties: false,
      ...(rules.length > 0 ? { allOf: rules } : {}),
    };
  }

  /** The JSON Schema of the event class at `path` (`events/findings/compliance_finding.json`). */
  classSchema(path: string): Json {
    const cls = this.resolve(path);
    const category = this.categories[cls.category ?? ''];
    if (!category || cls.uid === undefined) throw new Error(`${path} is not an event class`);
    const classUid = category.uid * 1000 + cls.uid;
    const objects = new Set<string>();
    const root = this.body(cls, objects);
    const activities =
      (merge(this.dictionary.attributes.activity_id, cls.attributes.activity_id) as AttrDef).enum ??
      {};
    const typeRules = Object.entries(activities).map(([id, a]) =>
      when(
        { properties: { activity_id: { const: Number(id) } }, required: ['activity_id'] },
        {
          properties: {
            type_uid: { const: classUid * 100 + Number(id) },
            ...(id === '99' ? {} : { type_name: { const: `${cls.caption}: ${a.caption}` } }),
          },
        },
      ),
    );
    const properties = root.properties as Json;
    properties.class_uid = { const: classUid };
    properties.category_uid = { const: category.uid };
    properties.class_name = { const: cls.caption };
    properties.category_name = { const: category.caption };
    const definitions: Json = {};
    for (const pending = [...objects]; pending.length > 0; ) {
      const name = pending.pop() as string;
      if (name in definitions) continue;
      const before = new Set(objects);
      definitions[name] = this.body(this.resolve(`objects/${name}.json`), objects);
      for (const added of objects) if (!before.has(added)) pending.push(added);
    }
    return {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `ocsf-1.3.0/${cls.name}`,
      ...root,
      allOf: [...((root.allOf as Json[]) ?? []), ...typeRules],
      definitions,
    };
  }

  /** The schema files a class needs, for vendoring: itself, its parents, includes and objects. */
  filesOf(path: string): string[] {
    const schema = this.classSchema(path);
    const files = new Set(['dictionary.json', 'categories.json', 'version.json']);
    const visit = (p: string) => {
      if (files.has(p)) return;
      files.add(p);
      const raw = this.read(p) as { extends?: string; attributes: { $include?: string[] } };
      for (const inc of raw.attributes.$include ?? []) files.add(inc);
      if (raw.extends) {
        const dir = p.startsWith('objects/') ? 'objects' : p.slice(0, p.lastIndexOf('/'));
        visit(
          raw.extends === 'base_event' ? 'events/base_event.json' : `${dir}/${raw.extends}.json`,
        );
      }
    };
    visit(path);
    for (const name of Object.keys(schema.definitions as Json)) visit(`objects/${name}.json`);
    return [...files].sort();
  }
}
