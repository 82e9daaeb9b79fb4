import { hostname, userInfo } from 'node:os';

/**
 * Who made a bundle, with what and how: written into the manifest so an auditor knows who
 * collected the evidence, with which tool and options, over which connections. Never a secret.
 */
export interface Provenance {
  /** Who collected it (default: the operating-system user running the process). */
  readonly operator?: string | undefined;
  /** The machine it ran on (default: its host name). */
  readonly host?: string | undefined;
  /** The tool that collected it and its version, such as `{ name: 'connector-kit', version }`. */
  readonly tool?: { readonly name: string; readonly version: string } | undefined;
  /** The command line as typed (secrets are never on it: they come from the environment). */
  readonly command?: string | undefined;
  /** The options the run was given, after defaults, as plain data. */
  readonly options?: Readonly<Record<string, unknown>> | undefined;
  /**
   * The credential each connection used, by connection name: its kind and non-secret
   * identifiers (`{ kind: 'service account', clientId: '4a1b…' }`).
   */
  readonly credentials?: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
}

/** The operator and host of this process, for a {@link Provenance} that names none. */
export function processIdentity(): { operator: string; host: string } {
  let operator = 'unknown';
  try {
    operator = userInfo().username;
  } catch {
    // No user entry (a container without /etc/passwd): say so rather than guess.
  }
  return { operator, host: hostname() };
}
