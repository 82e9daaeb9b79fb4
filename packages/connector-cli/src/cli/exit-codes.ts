/**
 * The exit codes of `connector-kit`, one per kind of outcome, so a CI job or a script can tell a
 * mistake in its own input from a vendor that failed, and a partial result from none.
 */
export const EXIT_CODES = {
  /** Everything the command was asked to do worked. */
  ok: 0,
  /** An unexpected failure inside the command (a bug: please report it). */
  internal: 1,
  /** Bad input: an unknown option, a missing or invalid connections, config or mutelist file, an unset variable. */
  usage: 2,
  /** A connection failed: for `graph`, `posture` and `evidence`, no connection could be read at all. */
  connection: 3,
  /** `posture --fail-on`: an open finding at or above the chosen severity. */
  findings: 4,
  /** `evidence verify`: a file of the bundle was changed, added, removed or refused, or a digest or signature does not match. */
  tampered: 5,
  /** Partial: some connections or resources could not be read; the output holds the rest and says what is missing. */
  partial: 6,
  /** `evidence verify`: the archive is truncated or corrupt, or is no archive. */
  corruptBundle: 7,
  /** `evidence verify`: the bundle has no `manifest.json`, or it is not an evidence manifest. */
  badManifest: 8,
  /** Interrupted by Ctrl-C (SIGINT) or SIGTERM. */
  interrupted: 130,
} as const;

/** One of the {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** How a command ended: its exit code and, when it is not 0, why (printed even with `--quiet`). */
export interface Outcome {
  readonly code: ExitCode;
  /** One line saying why the code is not 0. */
  readonly reason?: string | undefined;
}

/** An outcome from a bare exit code or an {@link Outcome}. */
export const outcomeOf = (result: ExitCode | Outcome): Outcome =>
  typeof result === 'number' ? { code: result } : result;
