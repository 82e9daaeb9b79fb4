/**
 * One conformance check, framework-free: `run` resolves when the connector conforms and throws
 * (an `AssertionError` from `node:assert`) saying what did not.
 */
export interface ConformanceCase {
  /** What is checked, for a test title. */
  name: string;
  /** Starts what the case needs on loopback, checks, and closes it all. */
  run(): Promise<void>;
}
