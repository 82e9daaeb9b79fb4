import { CommanderError } from 'commander';
import { EXIT_CODES, type ExitCode, type Outcome } from './exit-codes.js';
import { InputError } from './input-error.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

/** The exit code and the one line for an error that ended a command. */
function failure(error: unknown, io: CliIo): { code: ExitCode; line?: string } {
  if (io.signal?.aborted || (error as { code?: unknown } | null)?.code === 'aborted') {
    return { code: EXIT_CODES.interrupted, line: 'interrupted' };
  }
  if (error instanceof InputError) return { code: error.exitCode, line: error.line };
  if ((error as Error | null)?.name === 'EvidenceBundleError') {
    const bundle = error as Error & { code: string };
    return {
      code: bundle.code === 'corrupt_archive' ? EXIT_CODES.corruptBundle : EXIT_CODES.badManifest,
      line: `${bundle.code}: ${bundle.message}`,
    };
  }
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
  let outcome: Outcome = { code: EXIT_CODES.ok };
  // Whether the command printed anything on stdout: `--json` always prints one document.
  let printed = false;
  const stdout = {
    write: (text: string) => {
      printed = true;
      return io.stdout.write(text);
    },
    once: (event: 'drain', listener: () => void) => io.stdout.once(event, listener),
    get isTTY() {
      return io.stdout.isTTY;
    },
    get columns() {
      return io.stdout.columns;
    },
  };
  const program = buildProgram(
    { ...io, stdout },
    (result) => {
      outcome = result;
    },
    argv,
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    // Why the exit code is not 0, as the last line on stderr, even with --quiet.
    if (outcome.code !== EXIT_CODES.ok && outcome.reason) {
      io.stderr.write(`connector-kit: ${outcome.reason}\n`);
    }
    return outcome.code;
  } catch (error) {
    const { code, line } = failure(error, io);
    if (line) io.stderr.write(`connector-kit: ${line}\n`);
    if (wantsJson(argv) && !printed && code !== EXIT_CODES.ok) {
      const document = { ok: false, exitCode: code, error: line ?? 'see --help' };
      io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    }
    return code;
  }
}

/** Whether the command line asks for JSON (before any `--`). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}
