/**
 * Test helpers for connector authors and host apps: the conformance suite every connector runs
 * against its vendor's sandbox, three sandboxes of one company, and secret canaries. No test
 * framework: cases throw `node:assert` errors, so any runner can drive them.
 *
 * @packageDocumentation
 */

export type { ConformanceAdapter, ConformanceOptions } from './testing/conformance/adapter.js';
export type { ConformanceCase } from './testing/conformance/case.js';
export {
  type InjectionReport,
  SuiteInjectionError,
} from './testing/conformance/injection.js';
export { conformanceCases } from './testing/conformance.js';
export {
  createLeakHarness,
  type LeakHarness,
  type LeakHarnessOptions,
} from './testing/leak-harness.js';
export { recordSandbox } from './testing/record-sandbox.js';
export {
  type Sandboxes,
  type StartSandboxesOptions,
  startSandboxes,
} from './testing/sandboxes.js';
export { errorSurface, leaksSecret } from './testing/secret-canary.js';
