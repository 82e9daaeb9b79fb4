/**
 * The exit codes of `connector-kit`, one per kind of outcome, so a CI job or a script can tell a
 * mistake in its own input from a vendor that failed.
 */
export const EXIT_CODES = {
  /** Everything the command was asked to do worked. */
  ok: 0,
  /** An unexpected failure inside the command (a bug: please report it). */
  internal: 1,
  /** Bad input: an unknown option, a missing or invalid connections file, an unset variable. */
  usage: 2,
  /** A connection failed: rejected credentials, a missing permission, the network, a read left incomplete. */
  connection: 3,
  /** `posture --fail-on`: an open finding at or above the chosen severity. */
  findings: 4,
  /** `evidence verify`: a file of the bundle was changed, added or removed. */
  tampered: 5,
  /** Interrupted by Ctrl-C (SIGINT) or SIGTERM. */
  interrupted: 130,
} as const;

/** One of the {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
