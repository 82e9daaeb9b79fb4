import { InputError } from '../cli/input-error.js';

/**
 * The one way a connections file names a secret: `{ env: NAME }`, read from the environment when
 * the command runs. Any other string field may use it too (an organization id kept in CI
 * variables).
 */
export interface EnvRef {
  /** Name of the environment variable. */
  env: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// What people write when they mean a reference: $NAME, ${NAME}, $env:NAME (PowerShell), env:NAME.
const LOOKS_LIKE_REF = /^(?:\$\{?|\$env:|env:)([A-Za-z_][A-Za-z0-9_]*)\}?$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` is meant as a reference: an object whose only key is `env`. */
export function isEnvRef(value: unknown): value is EnvRef {
  return isObject(value) && 'env' in value && Object.keys(value).length === 1;
}

/** Where a field sits, for messages: `connections.yaml: connection "prod"`. */
export interface FieldContext {
  /** The connections file and connection, as the start of every message. */
  where: string;
}

function readRef(ref: EnvRef, field: string, env: CliEnv, ctx: FieldContext): string {
  if (typeof ref.env !== 'string' || !ENV_NAME.test(ref.env)) {
    throw new InputError(
      `${ctx.where}: ${field} has { env: … } without a variable name`,
      `write ${field}: { env: SOME_VARIABLE }`,
    );
  }
  const value = env[ref.env];
  if (value === undefined || value.trim() === '') {
    throw new InputError(
      `${ctx.where}: ${field} reads the environment variable ${ref.env}, which is ${value === undefined ? 'not set' : 'empty'}`,
      `set ${ref.env} (export ${ref.env}=…) before running connector-kit`,
    );
  }
  return value;
}

/** The environment variables references are read from. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/**
 * Returns `value` with every `{ env: NAME }` reference replaced by the variable's value.
 *
 * @throws InputError naming the field and variable when a variable is unset or empty.
 */
export function resolveEnvRefs(
  value: unknown,
  env: CliEnv,
  ctx: FieldContext,
  path: readonly string[] = [],
): unknown {
  const field = path.join('.');
  if (isObject(value) && 'env' in value) {
    if (!isEnvRef(value)) {
      throw new InputError(
        `${ctx.where}: ${field} mixes env with other keys`,
        `write ${field}: { env: SOME_VARIABLE } and nothing else`,
      );
    }
    return readRef(value, field, env, ctx);
  }
  if (Array.isArray(value))
    return value.map((item, i) => resolveEnvRefs(item, env, ctx, [...path, String(i)]));
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        resolveEnvRefs(item, env, ctx, [...path, key]),
      ]),
    );
  }
  return value;
}

/**
 * Checks that the field at `path` of `entry`, when present, is an `{ env: NAME }` reference: a
 * secret written into the file would end up in version control and backups.
 *
 * @throws InputError, quoting the field name and never its value.
 */
export function requireEnvRef(
  entry: Record<string, unknown>,
  path: string,
  ctx: FieldContext,
): void {
  let value: unknown = entry;
  for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
  if (value === undefined || isEnvRef(value)) return;
  const suggested =
    typeof value === 'string' ? (LOOKS_LIKE_REF.exec(value.trim())?.[1] ?? undefined) : undefined;
  const variable =
    suggested ??
    path
      .replace(/\W+/g, '_')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toUpperCase();
  throw new InputError(
    typeof value === 'string' && suggested === undefined
      ? `${ctx.where}: ${path} is a secret written inline`
      : `${ctx.where}: ${path} must be an environment-variable reference`,
    `write ${path}: { env: ${variable} } and set ${variable} in the environment${
      typeof value === 'string' && suggested === undefined
        ? ' (and rotate the secret if the file was shared)'
        : ''
    }`,
  );
}
