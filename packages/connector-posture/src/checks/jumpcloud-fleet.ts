// JumpCloud checks of the fleet as a whole: each system's OS and agent against their baselines,
// systems nobody is assigned to, and the Apple MDM server's certificate and token.
import { type AnyPostureCheck, defineCheck } from '../model/check.js';
import { cis, daysUntil, iso, isoOf, soc2, timeOf } from './helpers.js';
import { agentOutdatedCheck, osOutdatedCheck } from './os-outdated.js';

const DEVICES = 'JumpCloud Admin Portal › Device Management › Devices';
const MDM = 'JumpCloud Admin Portal › Device Management › MDM';

export const systemOsOutdated = osOutdatedCheck({
  id: 'jumpcloud.system.os_outdated',
  vendor: 'jumpcloud',
  reads: [{ resource: 'systems', kind: 'device', fields: ['osVersion'] }],
  remediation: {
    text: 'Update the operating system; enforce it with a Software Updates policy.',
    console: `${DEVICES} › (device) › Policies`,
  },
});

export const systemAgentOutdated = agentOutdatedCheck({
  id: 'jumpcloud.system.agent_outdated',
  vendor: 'jumpcloud',
  agent: 'the JumpCloud agent',
  field: 'agentVersion',
  reads: [{ resource: 'systems', kind: 'device', fields: ['agentVersion'] }],
  remediation: {
    text: 'Let the agent update itself (check that nothing blocks it) or reinstall the current agent.',
    console: `${DEVICES} › (device) › Details`,
  },
});

export const systemNoOwner = defineCheck({
  id: 'jumpcloud.system.no_owner',
  title: 'System with no primary user',
  severity: 'low',
  vendor: 'jumpcloud',
  rationale:
    'A system assigned to nobody is offboarded with nobody: it stays bound, patched or not, after its user leaves.',
  remediation: {
    text: 'Set the primary user of the system.',
    console: `${DEVICES} › (device) › Details › Primary User`,
  },
  frameworks: [...cis('1.1'), ...soc2('CC6.1'), ...iso('A.5.9')],
  reads: [{ resource: 'systems', kind: 'device', fields: ['primarySystemUser.id'] }],
  evaluate: ({ entities, relationships }) => {
    const owned = new Set(relationships('OWNS').map((r) => r._toEntityKey));
    return entities('device')
      .filter((s) => !owned.has(s._key))
      .map((s) => ({
        entity: s._key,
        fields: { 'primarySystemUser.id': s['primarySystemUser.id'] ?? null },
        message: `${s.displayName} has no primary user`,
      }));
  },
});

/** The Apple MDM server's dated credentials: the APNs certificate and the DEP (ADE) token. */
const CREDENTIALS = [
  ['apnsCertExpiry', 'APNs certificate'],
  ['depAccessTokenExpiry', 'Automated Device Enrollment token'],
] as const;

export const mdmCredentialExpired = defineCheck({
  id: 'jumpcloud.mdm.certificate_expired',
  title: 'Apple MDM certificate or enrollment token expired',
  severity: 'high',
  vendor: 'jumpcloud',
  rationale:
    'With an expired APNs certificate the MDM server can no longer reach its devices; with an expired ADE token new devices stop enrolling. A certificate renewed too late means re-enrolling every device.',
  remediation: {
    text: 'Renew the APNs certificate with the same Apple ID, and the ADE token in Apple Business Manager, then upload them.',
    console: MDM,
  },
  frameworks: [...cis('4.1'), ...soc2('CC7.1'), ...iso('A.8.9')],
  reads: [{ resource: 'appleMdms', kind: 'mdm', fields: ['apnsCertExpiry'] }],
  evaluate: ({ entities, now }) =>
    entities('mdm').flatMap((m) => {
      const expired = CREDENTIALS.filter(([f]) => (timeOf(m[f]) ?? now.getTime()) < now.getTime());
      if (expired.length === 0) return [];
      return [
        {
          entity: m._key,
          fields: Object.fromEntries(expired.map(([f]) => [f, isoOf(m[f])])),
          message: `${m.displayName}: the ${expired.map(([, what]) => what).join(' and the ')} expired`,
        },
      ];
    }),
});

export const mdmCredentialExpiring = defineCheck<{ days: number }>({
  id: 'jumpcloud.mdm.certificate_expiring',
  title: 'Apple MDM certificate or enrollment token expiring within N days',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'An APNs certificate must be renewed before it expires, with the same Apple ID, or every device has to enroll again.',
  remediation: {
    text: 'Renew the APNs certificate (and the ADE token) now, with the Apple ID that created it.',
    console: MDM,
  },
  frameworks: [...cis('4.1'), ...soc2('CC7.1'), ...iso('A.8.9')],
  reads: [{ resource: 'appleMdms', kind: 'mdm', fields: ['apnsCertExpiry'] }],
  defaults: { days: 30 },
  evaluate: ({ entities, now, options }) =>
    entities('mdm').flatMap((m) => {
      // Expired is jumpcloud.mdm.certificate_expired: one finding per state.
      const soon = CREDENTIALS.filter(([f]) => {
        const at = timeOf(m[f]);
        return (
          at !== undefined && at >= now.getTime() && (daysUntil(m[f], now) ?? 0) <= options.days
        );
      });
      if (soon.length === 0) return [];
      return [
        {
          entity: m._key,
          fields: Object.fromEntries(soon.map(([f]) => [f, isoOf(m[f])])),
          message: `${m.displayName}: the ${soon.map(([, what]) => what).join(' and the ')} expire(s) within ${options.days} days`,
        },
      ];
    }),
});

/** The JumpCloud fleet checks. */
export const jumpcloudFleetChecks: readonly AnyPostureCheck[] = [
  systemOsOutdated,
  systemAgentOutdated,
  systemNoOwner,
  mdmCredentialExpired,
  mdmCredentialExpiring,
];
