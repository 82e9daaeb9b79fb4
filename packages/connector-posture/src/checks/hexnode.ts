// Hexnode checks of managed devices. Encryption and passcode state are only in each device's
// detail (`GET devices/{id}/`, one call of the daily quota per device), read when the host opts in.
import { emailOf } from '@org/connector-graph';
import { type AnyPostureCheck, type CheckInput, defineCheck } from '../model/check.js';
import { cis, daysSince, iso, isoOf, soc2 } from './helpers.js';
import { osOutdatedCheck } from './os-outdated.js';

const DEVICES = 'Hexnode UEM › Manage › Devices';
const DETAIL =
  'it is only in each device’s detail (GET /api/v1/devices/{id}/, one call per device): collect with createHexnodeAdapter({ deviceDetails: { maxDevices } })';

export const hexnodeNonCompliant = defineCheck({
  id: 'hexnode.device.non_compliant',
  title: 'Device not compliant',
  severity: 'high',
  vendor: 'hexnode',
  rationale:
    'Hexnode marks a device non-compliant when it breaks the compliance policy (jailbreak, missing passcode, outdated OS...).',
  remediation: {
    text: "Open the device's compliance report and fix each failing rule.",
    console: `${DEVICES} › (device) › Compliance`,
  },
  frameworks: [...cis('4.1'), ...soc2('CC7.1'), ...iso('A.8.1', 'A.8.9')],
  reads: [{ resource: 'devices', kind: 'device', fields: ['compliant'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d.compliant === false)
      .map((d) => ({
        entity: d._key,
        fields: { compliant: false },
        message: `${d.displayName} is not compliant`,
      })),
});

const hexnodeUnencryptedSubjects = ({ entities }: Pick<CheckInput, 'entities'>) =>
  entities('device').filter((d) => d.encryptionStatus !== undefined);

export const hexnodeUnencrypted = defineCheck({
  id: 'hexnode.device.unencrypted',
  title: 'Device storage not encrypted',
  severity: 'high',
  vendor: 'hexnode',
  rationale:
    'A lost or stolen device without storage encryption gives its data to whoever holds it.',
  remediation: {
    text: 'Apply an encryption policy (FileVault, BitLocker, Android encryption).',
    console: `${DEVICES} › (device) › Security`,
  },
  frameworks: [...cis('3.6'), ...soc2('CC6.7'), ...iso('A.8.1', 'A.8.24')],
  reads: [
    { resource: 'devices' },
    {
      resource: 'deviceDetails',
      kind: 'device',
      fields: ['encryptionStatus'],
      missingReason: DETAIL,
    },
  ],
  metric: 'encryption',
  subjects: hexnodeUnencryptedSubjects,
  evaluate: (input) =>
    hexnodeUnencryptedSubjects(input)
      .filter((d) => d.encryptionStatus !== 'Encrypted')
      .map((d) => ({
        entity: d._key,
        fields: { encryptionStatus: d.encryptionStatus },
        message: `${d.displayName} is not encrypted`,
      })),
});

export const hexnodeNoPasscode = defineCheck({
  id: 'hexnode.device.no_passcode',
  title: 'Device without a passcode',
  severity: 'high',
  vendor: 'hexnode',
  rationale: 'Without a passcode anyone holding the device is its user.',
  remediation: {
    text: "Apply a passcode policy to the device's group.",
    console: 'Hexnode UEM › Policies › (policy) › Passcode',
  },
  frameworks: [...cis('4.10'), ...soc2('CC6.1'), ...iso('A.8.1')],
  reads: [
    { resource: 'devices' },
    {
      resource: 'deviceDetails',
      kind: 'device',
      fields: ['passcodeStatus'],
      missingReason: DETAIL,
    },
  ],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d.passcodeStatus !== undefined && d.passcodeStatus !== 'Set')
      .map((d) => ({
        entity: d._key,
        fields: { passcodeStatus: d.passcodeStatus },
        message: `${d.displayName} has no passcode`,
      })),
});

const hexnodeStaleSubjects = ({ entities }: Pick<CheckInput, 'entities'>) => entities('device');

export const hexnodeStale = defineCheck<{ days: number }>({
  id: 'hexnode.device.stale',
  title: 'Device not seen for N days',
  severity: 'medium',
  vendor: 'hexnode',
  rationale: 'A device that stopped reporting receives no policies and may be lost.',
  remediation: {
    text: 'Find the device; wipe and disenrol it if it is lost.',
    console: `${DEVICES} › (device) › Summary`,
  },
  frameworks: [...cis('1.1'), ...soc2('CC7.1'), ...iso('A.5.9')],
  reads: [{ resource: 'devices', kind: 'device', fields: ['lastReported'] }],
  defaults: { days: 30 },
  metric: 'stale',
  subjects: hexnodeStaleSubjects,
  evaluate: (input) =>
    hexnodeStaleSubjects(input)
      .filter(
        (d) =>
          (daysSince(d.lastReported, input.now) ?? Number.POSITIVE_INFINITY) > input.options.days,
      )
      .map((d) => ({
        entity: d._key,
        fields: { lastReported: isoOf(d.lastReported) },
        message: `${d.displayName} has not reported for more than ${input.options.days} days`,
      })),
});

export const hexnodeNoUser = defineCheck({
  id: 'hexnode.device.no_user',
  title: 'Device without a user',
  severity: 'low',
  vendor: 'hexnode',
  rationale:
    'Hexnode parks unassigned devices on the "Default User": nobody is accountable for them.',
  remediation: {
    text: 'Assign the device to its user.',
    console: `${DEVICES} › (device) › Actions › Assign User`,
  },
  frameworks: [...cis('1.1'), ...soc2('CC6.1'), ...iso('A.5.9')],
  reads: [{ resource: 'devices' }, { resource: 'users' }],
  evaluate: ({ entities, relationships, snapshot }) => {
    const ownerOf = new Map(relationships('OWNS').map((r) => [r._toEntityKey, r._fromEntityKey]));
    return entities('device').flatMap((d) => {
      const owner = ownerOf.get(d._key);
      const user = owner === undefined ? undefined : snapshot.entities.get(owner);
      // An owner with an email is a person; Hexnode's Default User has none.
      if (user && emailOf(user) !== undefined) return [];
      return [
        {
          entity: d._key,
          related: owner ? [owner] : [],
          fields: { 'user.id': d['user.id'] ?? null, 'user.email': null },
          message: `${d.displayName} is assigned to ${user?.displayName ?? 'nobody'}`,
        },
      ];
    });
  },
});

export const hexnodeEnrollmentPending = defineCheck({
  id: 'hexnode.device.enrollment_pending',
  title: 'Device enrollment not completed',
  severity: 'low',
  vendor: 'hexnode',
  rationale:
    'A device whose enrollment is pending is listed but not managed: no policy reaches it.',
  remediation: {
    text: 'Complete the enrollment on the device or remove the pending entry.',
    console: `${DEVICES} › Enrollment status`,
  },
  frameworks: [...cis('1.1', '4.1'), ...soc2('CC7.1'), ...iso('A.8.1')],
  reads: [{ resource: 'devices', kind: 'device', fields: ['enrollmentStatus'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => typeof d.enrollmentStatus === 'string' && d.enrollmentStatus !== 'Enrolled')
      .map((d) => ({
        entity: d._key,
        fields: { enrollmentStatus: d.enrollmentStatus },
        message: `${d.displayName}'s enrollment is ${String(d.enrollmentStatus).toLowerCase()}`,
      })),
});

export const hexnodeOsOutdated = osOutdatedCheck({
  id: 'hexnode.device.os_outdated',
  vendor: 'hexnode',
  reads: [{ resource: 'devices', kind: 'device', fields: ['osVersion'] }],
  remediation: {
    text: "Push the OS update to the device (Actions › OS update) and enforce it in the device group's policy.",
    console: `${DEVICES} › (device) › Actions › OS Update`,
  },
});

/** The Hexnode checks. */
export const hexnodeChecks: readonly AnyPostureCheck[] = [
  hexnodeNonCompliant,
  hexnodeUnencrypted,
  hexnodeNoPasscode,
  hexnodeStale,
  hexnodeNoUser,
  hexnodeEnrollmentPending,
  hexnodeOsOutdated,
];
