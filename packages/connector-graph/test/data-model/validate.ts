// Validates graph objects against JupiterOne's data model (`@jupiterone/data-model`) with ajv, as
// JupiterOne's integration SDK does: every entity against the schema of each of its `_class`es,
// every relationship against `#GraphObject` with a `_class` from its RelationshipClass list.
import { RelationshipClass, registerFormats, registerSchemas } from '@jupiterone/data-model';
import { Ajv, type ErrorObject } from 'ajv';
import type { GraphSnapshot } from '../../src/index.js';

const ajv = new Ajv({ strictSchema: false, allErrors: true });
registerFormats(ajv);
registerSchemas(ajv);

const VERBS = new Set<string>(Object.values(RelationshipClass));

/** One object that failed, with the schema and ajv's messages. */
export interface DataModelFailure {
  readonly key: string;
  readonly type: string;
  readonly schema: string;
  readonly errors: string[];
}

/** Ajv's errors in one line each: `/path message (params)`. */
function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

function check(schema: string, value: unknown): string[] {
  const validate = ajv.getSchema(schema);
  if (!validate) return [`no schema ${schema} in @jupiterone/data-model`];
  return validate(value) ? [] : describe(validate.errors);
}

/** Every entity and relationship of `snapshot` that breaks the data model. */
export function dataModelFailures(snapshot: Pick<GraphSnapshot, 'entities' | 'relationships'>) {
  const failures: DataModelFailure[] = [];
  for (const e of snapshot.entities.values()) {
    for (const cls of e._class) {
      const errors = check(`#${cls}`, e);
      if (errors.length > 0) failures.push({ key: e._key, type: e._type, schema: cls, errors });
    }
  }
  for (const r of snapshot.relationships.values()) {
    const errors = check('#GraphObject', r);
    if (!VERBS.has(r._class)) errors.push(`/_class "${r._class}" is no RelationshipClass`);
    if (errors.length > 0) {
      failures.push({ key: r._key, type: r._type, schema: 'GraphObject', errors });
    }
  }
  return failures;
}

/** Per `_type`: how many objects there are and how many fail. */
export function failuresByType(
  snapshot: Pick<GraphSnapshot, 'entities' | 'relationships'>,
): Map<string, { objects: number; failing: number; sample: string[] }> {
  const out = new Map<string, { objects: number; failing: number; sample: string[] }>();
  const row = (type: string) => {
    let r = out.get(type);
    if (!r) {
      r = { objects: 0, failing: 0, sample: [] };
      out.set(type, r);
    }
    return r;
  };
  for (const e of snapshot.entities.values()) row(e._type).objects++;
  for (const r of snapshot.relationships.values()) row(r._type).objects++;
  const failingKeys = new Map<string, Set<string>>();
  for (const f of dataModelFailures(snapshot)) {
    const keys = failingKeys.get(f.type) ?? new Set<string>();
    failingKeys.set(f.type, keys);
    keys.add(f.key);
    const r = row(f.type);
    for (const e of f.errors) if (r.sample.length < 3 && !r.sample.includes(e)) r.sample.push(e);
  }
  for (const [type, keys] of failingKeys) row(type).failing = keys.size;
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
