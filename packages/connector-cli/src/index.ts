/**
 * The `connector-kit` command line over the connector kit: verify connections, list accounts,
 * poll for changes and collect the asset graph of every registered vendor, from a
 * connections file whose secrets are environment-variable references. This module runs the same
 * command in-process ({@link runCli}) and reads connections files for host apps.
 *
 * @packageDocumentation
 */
export { EXIT_CODES, type ExitCode } from './cli/exit-codes.js';
export { InputError } from './cli/input-error.js';
export type { CliIo, TextSink } from './cli/io.js';
export { runCli } from './cli/run.js';
export { connect, selectConnections } from './connections/connect.js';
export type { CliEnv, EnvRef } from './connections/env-ref.js';
export { type LoadedConnection, loadConnections, parseConnections } from './connections/load.js';
export type { ConnectExtras } from './vendors/mapping.js';
export { VERSION } from './version.js';
