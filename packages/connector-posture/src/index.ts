/**
 * Security posture checks over a connector graph: each check is data (id, severity, rationale,
 * remediation with the console path, CIS Controls v8 / SOC 2 / ISO/IEC 27001:2022 references,
 * the resources it reads) and a pure function of a `GraphSnapshot` to findings with evidence.
 * A check whose input was not collected is reported "not evaluated", never passed. Outputs: JSON,
 * OCSF Compliance Finding records, scores per connection and framework, suppressions, and a diff
 * between runs.
 *
 * @packageDocumentation
 */

export {
  AGENT_BASELINE,
  type AgentBaseline,
  comparableVersion,
  OS_BASELINE,
  type OsBaseline,
  type OsFamily,
  osFamilyOf,
} from './baselines/versions.js';
export {
  type DirectoryOptions,
  deviceWithoutDirectory,
  suspendedButActive,
  unknownToDirectory,
} from './checks/cross-vendor.js';
export {
  hexnodeEnrollmentPending,
  hexnodeNonCompliant,
  hexnodeNoPasscode,
  hexnodeNoUser,
  hexnodeOsOutdated,
  hexnodeStale,
  hexnodeUnencrypted,
} from './checks/hexnode.js';
export { defaultChecks } from './checks/index.js';
export {
  adminApiKey,
  tooManyBillingAdmins,
  userAccountLocked,
  userBadLogins,
  userPasswordOld,
  userSudoAllSystems,
} from './checks/jumpcloud-access.js';
export {
  appCertExpired,
  appCertExpiring,
  appUnassigned,
  noConditionalAccess,
  systemFdeDisabled,
  systemFdeKeyMissing,
  systemPolicyFailing,
  systemSshPassword,
  systemSshRootLogin,
  systemStale,
} from './checks/jumpcloud-devices.js';
export {
  mdmCredentialExpired,
  mdmCredentialExpiring,
  systemAgentOutdated,
  systemNoOwner,
  systemOsOutdated,
} from './checks/jumpcloud-fleet.js';
export {
  adminMfaDisabled,
  adminMfaNotRequired,
  inactiveUserAssignedApps,
  inactiveUserInGroups,
  type PasswordBaseline,
  passwordExpired,
  passwordlessSudo,
  passwordNeverExpires,
  passwordPolicyWeak,
  tooManyAdministrators,
  userInactiveLogin,
  userMfaExcluded,
  userMfaNotEnrolled,
} from './checks/jumpcloud-identity.js';
export {
  activationLock,
  agentMissing,
  filevaultOff,
  kandjiNoUser,
  kandjiStale,
  noBlueprint,
  notSupervised,
  osOutdated,
} from './checks/kandji.js';
export {
  filevaultKeyNotEscrowed,
  firewallOff,
  gatekeeperOff,
  kandjiAgentOutdated,
  mdmRemoved,
  missingOrLost,
  sipDisabled,
} from './checks/kandji-security.js';
export { apiPathOf } from './evaluate/api-paths.js';
export {
  type CheckInfo,
  type PostureOptions,
  type PostureReport,
  runPosture,
  type SuppressedFinding,
} from './evaluate/run-posture.js';
export {
  type CheckSelection,
  frameworkNamed,
  selectChecks,
} from './evaluate/select-checks.js';
export {
  type Suppression,
  type SuppressionReport,
  suppressionLabel,
} from './evaluate/suppressions.js';
export { diffFindings, type FindingsDiff } from './history/diff-findings.js';
export {
  type AnyPostureCheck,
  type CheckInput,
  defineCheck,
  type FindingInit,
  FRAMEWORKS,
  type Framework,
  type FrameworkRef,
  type PostureCheck,
  type Remediation,
  type ResourceRead,
  SEVERITIES,
  type Severity,
} from './model/check.js';
export type { CheckResult, Evidence, Finding, NotEvaluated } from './model/finding.js';
export { type CoverageRow, type PostureCoverage, postureCoverage } from './output/coverage.js';
export {
  OCSF_VERSION,
  type OcsfComplianceFinding,
  type OcsfOptions,
  toOcsf,
} from './output/ocsf.js';
export type { OutcomeCode, OutcomeResource } from './output/outcomes.js';
export type { FrameworkScore, PostureScores, Score } from './output/scores.js';
export {
  type ComplianceRow,
  complianceTable,
  type FindingRow,
  findingsTable,
  type TableOptions,
} from './output/tables.js';
export { POSTURE_VENDORS } from './vendors/registry.js';
export type { VendorPosture } from './vendors/vendor-posture.js';
export { VERSION } from './version.js';
