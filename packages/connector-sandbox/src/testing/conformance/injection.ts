import type { FaultReport } from '../../control/faults.js';

/**
 * Something a case meant the sandbox to do to the connector, and what became of it: a scheduled
 * fault (a {@link FaultReport}), or the `order` policy on the users list.
 */
export interface InjectionReport {
  /** What was to be injected (a fault kind, `order ignored`...). */
  kind: string;
  /** The path it aims at. */
  path: string | undefined;
  /** Requests it was taken for. */
  taken: number;
  /** Requests it changed; 0 with `taken` above 0 means it tested nothing. */
  applied: number;
  /** Why it could not be applied, the last time it could not. */
  missed: string | undefined;
}

/**
 * A conformance case whose fault was taken by the sandbox but could not be applied (a field to
 * rename that no item has, a next page the vendor's replies give no way to announce, an order
 * policy on a list never asked to sort): the case tested nothing, so it fails as the suite's
 * problem, never as the connector's. Its message starts "suite could not inject".
 */
export class SuiteInjectionError extends Error {
  override readonly name = 'SuiteInjectionError';
  /** What was taken and never applied. */
  readonly faults: InjectionReport[];

  constructor(faults: InjectionReport[], options?: { cause?: unknown }) {
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

/** Throws {@link SuiteInjectionError} when something was taken but never applied. */
export function assertInjected(report: readonly InjectionReport[], cause?: unknown): void {
  const missed = report.filter((f) => f.taken > 0 && f.applied === 0);
  if (missed.length > 0) throw new SuiteInjectionError(missed, { cause });
}
