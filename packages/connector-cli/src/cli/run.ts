import { CommanderError } from 'commander';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { InputError } from './input-error.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

/** The exit code and the one line for an error that ended a command. */
function failure(error: unknown, io: CliIo): { code: ExitCode; line?: string } {
  if (io.signal?.aborted || (error as { code?: unknown } | null)?.code === 'aborted') {
    return { code: EXIT_CODES.interrupted, line: 'interrupted' };
  }
  if (error instanceof InputError) return { code: error.exitCode, line: error.line };
  if (error instanceof CommanderError) {
    // Help and --version "fail" with exit code 0; commander printed the rest already.
    return { code: error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage };
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'config') return { code: EXIT_CODES.usage, line: message };
  if (typeof code === 'string') return { code: EXIT_CODES.connection, line: `${code}: ${message}` };
  return { code: EXIT_CODES.internal, line: `unexpected error: ${message}` };
}

/**
 * Runs `connector-kit` with `argv` (the arguments after the command name) and returns its exit
 * code. Never throws: a failure is printed on `io.stderr` as one line and becomes the exit code.
 *
 * @example
 * ```ts
 * import { runCli } from '@org/connector-cli';
 *
 * const controller = new AbortController();
 * const code = await runCli(['verify', '--sandbox'], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   env: process.env,
 *   cwd: process.cwd(),
 *   signal: controller.signal,
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exit: ExitCode = EXIT_CODES.ok;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (error) {
    const { code, line } = failure(error, io);
    if (line) io.stderr.write(`connector-kit: ${line}\n`);
    return code;
  }
}
