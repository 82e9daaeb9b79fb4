import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/**
 * A problem with what the person gave the command (arguments, connections file, environment).
 * Printed as one line, `problem: fix`, and never quoting a secret.
 */
export class InputError extends Error {
  /** What to do about it, as an instruction. */
  readonly fix: string;
  /** The exit code it ends the command with (default {@link EXIT_CODES}.usage). */
  readonly exitCode: ExitCode;

  constructor(problem: string, fix: string, exitCode: ExitCode = EXIT_CODES.usage) {
    super(problem);
    this.name = 'InputError';
    this.fix = fix;
    this.exitCode = exitCode;
  }

  /** The one line printed for it. */
  get line(): string {
    return `${this.message}: ${this.fix}`;
  }
}
