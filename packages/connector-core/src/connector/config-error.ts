import * as v from 'valibot';
import { ConfigError } from '../errors/errors.js';
import {
  describeUnknownOption,
  findUnknownOption,
  type OptionKeys,
  optionKeysOf,
} from './option-keys.js';

/** How a vendor's settings are named in errors, and what to do about each field. */
export interface ConfigWording {
  /** Vendor id carried by the error, such as `kandji`. */
  vendor: string;
  /** Vendor name as people write it, such as `Kandji`. */
  label: string;
  /**
   * Per field (dot path, such as `apiToken` or `serviceAccount.clientId`): what to do, and where in
   * the vendor's console. The first matching prefix wins; `*` is the fallback.
   */
  hints: Readonly<Record<string, string>>;
}

/** Builds a config error worded "<Vendor> config: <field> <problem>: <what to do>". */
export function configError(wording: ConfigWording, field: string, problem: string): ConfigError {
  const hint = hintFor(wording.hints, field);
  const message = `${wording.label} config: ${field} ${problem}${hint ? `: ${hint}` : ''}`;
  return new ConfigError(message, { vendor: wording.vendor, option: field });
}

function hintFor(hints: Readonly<Record<string, string>>, field: string): string | undefined {
  for (let f = field; f !== ''; f = f.includes('.') ? f.slice(0, f.lastIndexOf('.')) : '') {
    const hint = hints[f];
    if (hint !== undefined) return hint;
  }
  return hints['*'];
}

/**
 * Validates connector options against the vendor's schema. An option name the schema does not
 * know (at any depth: `pagesize`, `timeout.perAtemptMs`) is refused first, naming the nearest
 * valid one, since a mistyped name is usually why a required option looks missing. Then throws a
 * {@link ConfigError} carrying `vendor` and naming the first bad field; the message never quotes
 * a value (valibot's default messages do, so they are replaced by what was expected).
 *
 * @param keys - Every option name accepted (default: the schema's own; a connector adds the
 *   transport options).
 */
export function parseConfig<S extends v.GenericSchema>(
  wording: ConfigWording,
  schema: S,
  input: unknown,
  keys?: OptionKeys,
): v.InferOutput<S> {
  if (typeof input !== 'object' || input === null) {
    throw configError(wording, 'options', 'are required');
  }
  const accepted = keys ?? optionKeysOf(schema);
  const unknown = accepted === true ? undefined : findUnknownOption(input, accepted);
  if (unknown) {
    throw new ConfigError(`${wording.label} config: ${describeUnknownOption(unknown)}`, {
      vendor: wording.vendor,
      option: unknown.path,
      suggestion: unknown.suggestion,
    });
  }
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = v.getDotPath(issue) ?? 'options';
  const problem =
    issue.input === undefined
      ? 'is required'
      : /^Invalid /.test(issue.message)
        ? `must be ${issue.expected ?? 'valid'}`
        : issue.message;
  throw configError(wording, field, problem);
}
