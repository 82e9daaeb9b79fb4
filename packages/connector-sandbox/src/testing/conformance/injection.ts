import type { FaultReport } from '../../control/faults.js';

/**
 * A conformance case whose fault was taken by the sandbox but could not be applied (a field to
 * rename that no item has, a next page the vendor's replies give no way to announce): the case
 * tested nothing, so it fails as the suite's problem, never as the connector's. Its message
 * starts "suite could not inject".
 */
export class SuiteInjectionError extends Error {
  override readonly name = 'SuiteInjectionError';
  /** The faults that were taken and never applied. */
  readonly faults: FaultReport[];

  constructor(faults: FaultReport[], options?: { cause?: unknown }) {
    super(
      `suite could not inject ${faults
        .map((f) => `${f.kind} on ${f.path ?? 'every path'} (${f.missed ?? 'never applied'})`)
        .join(
          '; ',
        )}: the case tested nothing; fix the vendor's facts or the sandbox, not the connector`,
      options,
    );
    this.faults = faults;
  }
}

/** Throws {@link SuiteInjectionError} when a fault was taken but never applied. */
export function assertInjected(report: readonly FaultReport[], cause?: unknown): void {
  const missed = report.filter((f) => f.taken > 0 && f.applied === 0);
  if (missed.length > 0) throw new SuiteInjectionError(missed, { cause });
}
