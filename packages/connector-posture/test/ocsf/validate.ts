// Validates records against the OCSF 1.3.0 Compliance Finding class with ajv, over a JSON Schema
// compiled from the vendored schema source (./schema, Apache-2.0: LICENSE and NOTICE inside).
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { OcsfSchema } from './compile.js';

const SCHEMA_ROOT = fileURLToPath(new URL('./schema/', import.meta.url));

/** One schema error: the record's index, the JSON pointer and what is wrong. */
export interface OcsfError {
  record: number;
  path: string;
  message: string;
}

/** A validator of Compliance Finding (class 2003) records: every error of every record. */
export function complianceFindingValidator(): (records: readonly unknown[]) => OcsfError[] {
  const schema = new OcsfSchema(SCHEMA_ROOT).classSchema('events/findings/compliance_finding.json');
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    // OCSF's at_least_one and just_one constraints are `required` lists under anyOf/oneOf.
    strictRequired: false,
    unicodeRegExp: false,
  });
  const validate = ajv.compile(schema);
  return (records) =>
    records.flatMap((record, i) =>
      validate(record)
        ? []
        : (validate.errors ?? []).map((e) => ({
            record: i,
            path: e.instancePath,
            message: `${e.message ?? e.keyword}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
          })),
    );
}
