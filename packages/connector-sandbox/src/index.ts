/**
 * Local, faithful stand-ins of vendor APIs (every vendor of `SANDBOX_VENDOR_NAMES`) on 127.0.0.1,
 * with injectable faults, scalable rate limits and counters, for tests, demos and benchmarks.
 *
 * @packageDocumentation
 */
export type { SandboxCounters } from './control/counters.js';
export type { FaultKind, FaultReport, FaultSpec } from './control/faults.js';
export type { PagingFault } from './control/paging-faults.js';
export type {
  LimitWindow,
  SandboxClock,
  SandboxLatency,
  SandboxLimits,
  SandboxOptions,
  SandboxQuirks,
  SandboxScenario,
  SandboxSize,
  Vendor,
} from './options.js';
export {
  type Recording,
  type RecordingEntry,
  type RecordingInfo,
  readRecording,
} from './record/format.js';
export { createRecorder, type Recorder, type RecorderOptions } from './record/recorder.js';
export { type ReplayOptions, startReplay } from './replay/start-replay.js';
export type { CredentialsByVendor, Sandbox, SandboxControl } from './sandbox.js';
export { SANDBOX_VENDOR_NAMES, startSandbox } from './sandbox.js';
export { MISCONFIGURATIONS } from './scenario/misconfigurations.js';
export { SCENARIO_SIZE, SCENARIO_VERSIONS } from './scenario/scenario.js';
export type { Direction, OrderPolicy, OrderReport } from './server/order.js';
export type {
  AddCredentialOptions,
  CredentialCarrier,
  Misconfigurations,
  PageSizeFacts,
  PagingFacts,
  SandboxRoute,
  TotalFacts,
  UserRef,
  VendorFacts,
} from './server/vendor.js';
export { errorSurface, leaksSecret } from './testing/secret-canary.js';
export { HEXNODE_PERMISSIONS, type HexnodeCredentials } from './vendors/hexnode/app.js';
export {
  JUMPCLOUD_ROLES,
  type JumpCloudCredentials,
  type Scope as JumpCloudScope,
} from './vendors/jumpcloud/app.js';
export {
  KANDJI_PERMISSIONS,
  KANDJI_USERS_PAGE_SIZE,
  type KandjiCredentials,
} from './vendors/kandji/app.js';
