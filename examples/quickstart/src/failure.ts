// Turns any failure into one readable, secret-free message and a hint of what to do.
import { ConnectorError } from '@org/connector-core';
import { redact } from '@org/connector-core/kit';

/** A failure of the demo: the step it happened in, and the cause. */
export class DemoFailure extends Error {
  override readonly name = 'DemoFailure';
  /** What the demo was doing, such as `verifying kandji-sandbox`. */
  readonly step: string;
  /** What a person can do about it, when known. */
  readonly hint: string | undefined;

  constructor(step: string, cause: unknown, secrets: readonly string[]) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(redact(`${step} failed: ${detail}`, secrets), { cause });
    this.step = step;
    this.hint = hintFor(cause);
  }
}

function hintFor(error: unknown): string | undefined {
  if (!(error instanceof ConnectorError)) return undefined;
  switch (error.userAction) {
    case 'reconnect':
      return 'the credential was refused: check the API key or token in your environment';
    case 'grant_permission':
      return 'the credential lacks a permission: grant the one named above and run again';
    case 'fix_config':
      return 'fix the configuration named above (environment variables) and run again';
    default:
      return error.retryable ? 'this may be temporary: run the demo again' : undefined;
  }
}
