// JumpCloud checks of systems, policies, applications and conditional access.
import { type AnyPostureCheck, type CheckInput, defineCheck } from '../model/check.js';
import { cis, daysSince, daysUntil, iso, isoOf, soc2, timeOf } from './helpers.js';

const DEVICES = 'JumpCloud Admin Portal › Device Management › Devices';
const SSO = 'JumpCloud Admin Portal › User Authentication › SSO Applications';

const systemFdeDisabledSubjects = ({ entities }: Pick<CheckInput, 'entities'>) =>
  entities('device');

export const systemFdeDisabled = defineCheck({
  id: 'jumpcloud.system.fde_disabled',
  title: 'System without full-disk encryption',
  severity: 'high',
  vendor: 'jumpcloud',
  rationale: 'A lost or stolen laptop without disk encryption gives its data to whoever holds it.',
  remediation: {
    text: 'Apply the FileVault (macOS) or BitLocker (Windows) policy to the system.',
    console: `${DEVICES} › (device) › Policies`,
  },
  frameworks: [...cis('3.6'), ...soc2('CC6.7'), ...iso('A.8.1', 'A.8.24')],
  reads: [{ resource: 'systems', kind: 'device', fields: ['fde.active'] }],
  metric: 'encryption',
  subjects: systemFdeDisabledSubjects,
  evaluate: (input) =>
    systemFdeDisabledSubjects(input)
      .filter((s) => s['fde.active'] !== true)
      .map((s) => ({
        entity: s._key,
        fields: { 'fde.active': s['fde.active'], os: s.os },
        message: `${s.displayName} has no full-disk encryption`,
      })),
});

export const systemFdeKeyMissing = defineCheck({
  id: 'jumpcloud.system.fde_key_not_escrowed',
  title: 'Encrypted system whose recovery key is not escrowed',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'Without the recovery key in JumpCloud, a forgotten password or a departed user locks the data away for good.',
  remediation: {
    text: 'Re-apply the encryption policy with key escrow so the agent uploads the recovery key.',
    console: `${DEVICES} › (device) › Details › Security`,
  },
  frameworks: [...cis('3.6'), ...soc2('CC6.7'), ...iso('A.8.24')],
  reads: [{ resource: 'systems', kind: 'device', fields: ['fde.keyPresent'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((s) => s['fde.active'] === true && s['fde.keyPresent'] !== true)
      .map((s) => ({
        entity: s._key,
        fields: { 'fde.active': true, 'fde.keyPresent': s['fde.keyPresent'] },
        message: `${s.displayName}'s recovery key is not escrowed`,
      })),
});

const systemStaleSubjects = ({ entities }: Pick<CheckInput, 'entities'>) => entities('device');

export const systemStale = defineCheck<{ days: number }>({
  id: 'jumpcloud.system.stale',
  title: 'System not seen for N days',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'A system whose agent stopped reporting receives no policies and may be lost, stolen or retired without being removed.',
  remediation: {
    text: 'Find the system; remove it from JumpCloud when retired.',
    console: `${DEVICES} › (device) › Details`,
  },
  frameworks: [...cis('1.1'), ...soc2('CC7.1'), ...iso('A.5.9')],
  reads: [{ resource: 'systems', kind: 'device', fields: ['lastContact'] }],
  defaults: { days: 30 },
  metric: 'stale',
  subjects: systemStaleSubjects,
  evaluate: (input) =>
    systemStaleSubjects(input)
      .filter(
        (s) =>
          (daysSince(s.lastContact, input.now) ?? Number.POSITIVE_INFINITY) > input.options.days,
      )
      .map((s) => ({
        entity: s._key,
        fields: { lastContact: isoOf(s.lastContact) },
        message: `${s.displayName} has not contacted JumpCloud for more than ${input.options.days} days`,
      })),
});

export const systemSshRootLogin = defineCheck({
  id: 'jumpcloud.system.ssh_root_login',
  title: 'System allows SSH root login',
  severity: 'high',
  vendor: 'jumpcloud',
  rationale:
    'Root over SSH bypasses per-user accountability and is the first thing brute-force tools try.',
  remediation: {
    text: 'Turn off "Allow SSH root login" (or apply the Disable SSH Root Login policy).',
    console: `${DEVICES} › (device) › Details › Settings`,
  },
  frameworks: [...cis('4.7', '5.4'), ...soc2('CC6.1'), ...iso('A.8.2', 'A.8.9')],
  reads: [{ resource: 'systems', kind: 'device', fields: ['allowSshRootLogin'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((s) => s.allowSshRootLogin === true)
      .map((s) => ({
        entity: s._key,
        fields: { allowSshRootLogin: true },
        message: `${s.displayName} allows SSH root login`,
      })),
});

export const systemSshPassword = defineCheck({
  id: 'jumpcloud.system.ssh_password_auth',
  title: 'System allows SSH password authentication',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale: 'SSH passwords can be guessed and phished; keys cannot.',
  remediation: {
    text: 'Turn off "Allow SSH password authentication"; use public keys.',
    console: `${DEVICES} › (device) › Details › Settings`,
  },
  frameworks: [...cis('4.8'), ...soc2('CC6.1'), ...iso('A.8.5', 'A.8.9')],
  reads: [{ resource: 'systems', kind: 'device', fields: ['allowSshPasswordAuthentication'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((s) => s.allowSshPasswordAuthentication === true)
      .map((s) => ({
        entity: s._key,
        fields: { allowSshPasswordAuthentication: true },
        message: `${s.displayName} allows SSH password authentication`,
      })),
});

export const systemPolicyFailing = defineCheck({
  id: 'jumpcloud.system.policy_failing',
  title: 'System failing a device policy',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'A policy that failed to apply leaves the control it enforces (encryption, lock screen, firewall) off on that system.',
  remediation: {
    text: 'Open the policy result on the system, fix the cause and re-apply it.',
    console: `${DEVICES} › (device) › Policies`,
  },
  frameworks: [...cis('4.1'), ...soc2('CC7.1'), ...iso('A.8.9')],
  reads: [{ resource: 'systems' }, { resource: 'policies' }, { resource: 'policyResults' }],
  evaluate: ({ relationships, snapshot }) => {
    const failing = new Map<string, string[]>();
    for (const r of relationships('ENFORCES')) {
      if (r.success !== false && r.state !== 'failed') continue;
      failing.set(r._toEntityKey, [...(failing.get(r._toEntityKey) ?? []), r._fromEntityKey]);
    }
    return [...failing].map(([device, policies]) => {
      const sorted = policies.sort();
      const names = sorted.map((p) => snapshot.entities.get(p)?.displayName ?? p);
      return {
        entity: device,
        related: sorted,
        fields: { failedPolicies: names },
        message: `${snapshot.entities.get(device)?.displayName ?? device} fails ${names.join(', ')}`,
      };
    });
  },
});

export const noConditionalAccess = defineCheck({
  id: 'jumpcloud.org.no_conditional_access',
  title: 'No enabled conditional-access policy',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'Without conditional access, sign-ins are judged by password and MFA alone: no device trust, location or network conditions.',
  remediation: {
    text: 'Create and enable a conditional-access policy for the user portal and applications.',
    console: 'JumpCloud Admin Portal › Security Management › Conditional Policies',
  },
  frameworks: [...cis('6.4', '6.7'), ...soc2('CC6.1', 'CC6.6'), ...iso('A.5.15', 'A.8.5')],
  reads: [{ resource: 'authnPolicies' }],
  evaluate: ({ entities, snapshot, connection }) => {
    const enabled = entities('access_policy').filter((p) => p.disabled !== true);
    if (enabled.length > 0) return [];
    const account = snapshot.connections.find((c) => c.name === connection)?.accountKey ?? '';
    return [
      {
        entity: account,
        fields: { enabledPolicies: 0 },
        message: 'no conditional-access policy is enabled',
      },
    ];
  },
});

export const appUnassigned = defineCheck({
  id: 'jumpcloud.app.unassigned',
  title: 'SSO application assigned to nobody',
  severity: 'low',
  vendor: 'jumpcloud',
  rationale:
    'An active application nobody uses is configuration (certificates, IdP trust) nobody watches.',
  remediation: {
    text: 'Deactivate or delete the application, or bind the group that should use it.',
    console: `${SSO} › (application) › User Groups`,
  },
  frameworks: [...cis('2.1'), ...soc2('CC6.1'), ...iso('A.5.9')],
  reads: [
    { resource: 'applications', kind: 'application', fields: ['active'] },
    { resource: 'applicationAssignments' },
  ],
  evaluate: ({ entities, relationships }) => {
    const assigned = new Set(relationships('ASSIGNED').map((r) => r._toEntityKey));
    return entities('application')
      .filter((a) => a.active !== false && !assigned.has(a._key))
      .map((a) => ({
        entity: a._key,
        fields: { active: a.active, assignees: 0 },
        message: `${a.displayName} is assigned to nobody`,
      }));
  },
});

export const appCertExpiring = defineCheck<{ days: number }>({
  id: 'jumpcloud.app.idp_cert_expiring',
  title: 'SSO application IdP certificate expiring within N days',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'When the IdP certificate expires, sign-ins to the application stop; rotating late means an outage.',
  remediation: {
    text: 'Generate a new IdP certificate and update it at the service provider.',
    console: `${SSO} › (application) › SSO › IdP Certificate`,
  },
  frameworks: [...soc2('CC7.1'), ...iso('A.8.24')],
  reads: [{ resource: 'applications', kind: 'application', fields: ['sso.idpCertExpirationAt'] }],
  defaults: { days: 30 },
  evaluate: ({ entities, now, options }) =>
    entities('application')
      .filter((a) => a.active !== false)
      .filter((a) => {
        const left = daysUntil(a['sso.idpCertExpirationAt'], now);
        const at = timeOf(a['sso.idpCertExpirationAt']);
        // Already expired is another finding (jumpcloud.app.idp_cert_expired).
        return (
          left !== undefined && at !== undefined && at >= now.getTime() && left <= options.days
        );
      })
      .map((a) => ({
        entity: a._key,
        fields: { 'sso.idpCertExpirationAt': isoOf(a['sso.idpCertExpirationAt']) },
        message: `${a.displayName}'s IdP certificate expires within ${options.days} days`,
      })),
});

export const appCertExpired = defineCheck({
  id: 'jumpcloud.app.idp_cert_expired',
  title: 'SSO application IdP certificate expired',
  severity: 'high',
  vendor: 'jumpcloud',
  rationale:
    'With an expired IdP certificate the service provider rejects the assertions (sign-ins fail) or, worse, no longer checks them.',
  remediation: {
    text: 'Generate a new IdP certificate now and upload it to the service provider.',
    console: `${SSO} › (application) › SSO › IdP Certificate`,
  },
  frameworks: [...cis('3.10'), ...soc2('CC7.1'), ...iso('A.8.24')],
  reads: [{ resource: 'applications', kind: 'application', fields: ['sso.idpCertExpirationAt'] }],
  evaluate: ({ entities, now }) =>
    entities('application')
      .filter((a) => a.active !== false)
      .filter((a) => (timeOf(a['sso.idpCertExpirationAt']) ?? now.getTime()) < now.getTime())
      .map((a) => ({
        entity: a._key,
        fields: { 'sso.idpCertExpirationAt': isoOf(a['sso.idpCertExpirationAt']) },
        message: `${a.displayName}'s IdP certificate has expired`,
      })),
});

/** The JumpCloud device, policy and application checks. */
export const jumpcloudDeviceChecks: readonly AnyPostureCheck[] = [
  systemFdeDisabled,
  systemFdeKeyMissing,
  systemStale,
  systemSshRootLogin,
  systemSshPassword,
  systemPolicyFailing,
  noConditionalAccess,
  appUnassigned,
  appCertExpiring,
  appCertExpired,
];
