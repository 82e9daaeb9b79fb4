// Kandji checks of Apple devices: what the device listing says (owner, blueprint, check-in, agent,
// OS) and FileVault and Activation Lock from Prism's fleet-wide categories, which the graph merges
// into each device; supervision is only in the per-device details, read when the host opts in.
import type { GraphEntity } from '@org/connector-graph';
import { type AnyPostureCheck, type CheckInput, defineCheck } from '../model/check.js';
import { cis, daysSince, iso, isoOf, soc2 } from './helpers.js';
import { osOutdatedCheck } from './os-outdated.js';

const DEVICES = 'Kandji › Devices';
const DETAILS =
  'supervision is only in GET /api/v1/devices/{id}/details, one request per device: collect with createKandjiAdapter({ deviceDetails: { maxDevices } })';

/** A Mac, by Kandji's device family (or the data model's osType when the family is unknown). */
export const isMac = (d: GraphEntity): boolean =>
  d.deviceFamily !== undefined ? d.deviceFamily === 'Mac' : d.osType === 'darwin';

const filevaultOffSubjects = ({ entities }: Pick<CheckInput, 'entities'>) =>
  entities('device').filter(isMac);

export const filevaultOff = defineCheck({
  id: 'kandji.device.filevault_off',
  title: 'Mac with FileVault off',
  severity: 'high',
  vendor: 'kandji',
  rationale: 'A lost or stolen Mac without FileVault gives its data to whoever holds it.',
  remediation: {
    text: "Add the FileVault library item to the Mac's blueprint.",
    console: `${DEVICES} › (device) › Status › FileVault`,
  },
  frameworks: [...cis('3.6'), ...soc2('CC6.7'), ...iso('A.8.1', 'A.8.24')],
  reads: [
    { resource: 'devices' },
    { resource: 'filevault', kind: 'device', fields: ['filevault.filevaultEnabled'] },
  ],
  metric: 'encryption',
  subjects: filevaultOffSubjects,
  evaluate: (input) =>
    filevaultOffSubjects(input)
      .filter((d) => d['filevault.filevaultEnabled'] !== true)
      .map((d) => ({
        entity: d._key,
        fields: { 'filevault.filevaultEnabled': d['filevault.filevaultEnabled'] },
        message: `${d.displayName} has FileVault off`,
      })),
});

export const notSupervised = defineCheck({
  id: 'kandji.device.not_supervised',
  title: 'Device not supervised',
  severity: 'medium',
  vendor: 'kandji',
  rationale: 'Unsupervised devices ignore many restrictions and can remove their MDM profile.',
  remediation: {
    text: 'Enrol the device through Automated Device Enrollment so it is supervised.',
    console: `${DEVICES} › (device) › Status`,
  },
  frameworks: [...cis('4.1'), ...soc2('CC6.8'), ...iso('A.8.1', 'A.8.9')],
  reads: [
    { resource: 'devices' },
    {
      resource: 'deviceDetails',
      kind: 'device',
      fields: ['mdm.supervised'],
      missingReason: DETAILS,
    },
  ],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d['mdm.supervised'] === false)
      .map((d) => ({
        entity: d._key,
        fields: { 'mdm.supervised': false },
        message: `${d.displayName} is not supervised`,
      })),
});

export const activationLock = defineCheck({
  id: 'kandji.device.user_activation_lock',
  title: 'Company device under a personal Activation Lock',
  severity: 'medium',
  vendor: 'kandji',
  rationale:
    "A personal Apple ID's Activation Lock keeps the company from wiping and reissuing its own device.",
  remediation: {
    text: 'Disallow user Activation Lock in the blueprint and collect the bypass code.',
    console: `${DEVICES} › (device) › Activation Lock`,
  },
  frameworks: [...cis('4.11'), ...soc2('CC6.1'), ...iso('A.8.1')],
  reads: [
    { resource: 'devices' },
    {
      resource: 'activationLock',
      kind: 'device',
      fields: ['activationLock.userActivationLockEnabled'],
    },
  ],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d['activationLock.userActivationLockEnabled'] === true)
      .map((d) => ({
        entity: d._key,
        fields: { 'activationLock.userActivationLockEnabled': true },
        message: `${d.displayName} is under a user's Activation Lock`,
      })),
});

export const osOutdated = osOutdatedCheck({
  id: 'kandji.device.os_outdated',
  vendor: 'kandji',
  reads: [{ resource: 'devices', kind: 'device', fields: ['osVersion'] }],
  remediation: {
    text: 'Enforce updates with the Managed OS library item.',
    console: 'Kandji › Library › Managed OS',
  },
});

export const kandjiNoUser = defineCheck({
  id: 'kandji.device.no_user',
  title: 'Device with no assigned user',
  severity: 'low',
  vendor: 'kandji',
  rationale: 'A device nobody is accountable for is not offboarded with anybody.',
  remediation: {
    text: 'Assign the device to its user.',
    console: `${DEVICES} › (device) › Assign user`,
  },
  frameworks: [...cis('1.1'), ...soc2('CC6.1'), ...iso('A.5.9')],
  reads: [{ resource: 'devices' }],
  evaluate: ({ entities, relationships }) => {
    const owned = new Set(relationships('OWNS').map((r) => r._toEntityKey));
    return entities('device')
      .filter((d) => !owned.has(d._key))
      .map((d) => ({
        entity: d._key,
        fields: { user: null },
        message: `${d.displayName} has no assigned user`,
      }));
  },
});

const kandjiStaleSubjects = ({ entities }: Pick<CheckInput, 'entities'>) => entities('device');

export const kandjiStale = defineCheck<{ days: number }>({
  id: 'kandji.device.stale_checkin',
  title: 'Device agent not checked in for N days',
  severity: 'medium',
  vendor: 'kandji',
  rationale: 'A device that stopped checking in gets no library items or updates and may be lost.',
  remediation: {
    text: 'Find the device; mark it lost or remove it if it is gone.',
    console: `${DEVICES} › (device) › Status`,
  },
  frameworks: [...cis('1.1'), ...soc2('CC7.1'), ...iso('A.5.9')],
  reads: [{ resource: 'devices', kind: 'device', fields: ['lastCheckIn'] }],
  defaults: { days: 30 },
  metric: 'stale',
  subjects: kandjiStaleSubjects,
  evaluate: (input) =>
    kandjiStaleSubjects(input)
      .filter(
        (d) =>
          (daysSince(d.lastCheckIn, input.now) ?? Number.POSITIVE_INFINITY) > input.options.days,
      )
      .map((d) => ({
        entity: d._key,
        fields: { lastCheckIn: isoOf(d.lastCheckIn) },
        message: `${d.displayName} has not checked in for more than ${input.options.days} days`,
      })),
});

export const noBlueprint = defineCheck({
  id: 'kandji.device.no_blueprint',
  title: 'Device on no blueprint',
  severity: 'medium',
  vendor: 'kandji',
  rationale:
    "A blueprint is where Kandji's controls live: a device on none receives no configuration.",
  remediation: {
    text: 'Move the device to the blueprint for its role.',
    console: `${DEVICES} › (device) › Blueprint`,
  },
  frameworks: [...cis('4.1'), ...soc2('CC7.1'), ...iso('A.8.9')],
  reads: [{ resource: 'devices' }],
  evaluate: ({ entities, relationships }) => {
    const grouped = new Set(
      relationships('HAS')
        .filter((r) => r._fromEntityKey.includes(':device_group:'))
        .map((r) => r._toEntityKey),
    );
    return entities('device')
      .filter((d) => !grouped.has(d._key))
      .map((d) => ({
        entity: d._key,
        fields: { blueprintId: d.blueprintId ?? null },
        message: `${d.displayName} is on no blueprint`,
      }));
  },
});

export const agentMissing = defineCheck({
  id: 'kandji.device.agent_missing',
  title: 'Mac without the Kandji agent',
  severity: 'medium',
  vendor: 'kandji',
  rationale:
    'Without the agent, a Mac runs no Kandji scripts, audits or self-healing: MDM alone enforces little.',
  remediation: {
    text: 'Reinstall the agent (re-enrol, or deploy it with the Kandji Agent library item).',
    console: `${DEVICES} › (device) › Status`,
  },
  frameworks: [...cis('4.1'), ...soc2('CC7.1'), ...iso('A.8.1')],
  reads: [{ resource: 'devices', kind: 'device', fields: ['agentInstalled'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => isMac(d) && d.agentInstalled !== true)
      .map((d) => ({
        entity: d._key,
        fields: { deviceFamily: d.deviceFamily, agentInstalled: d.agentInstalled },
        message: `${d.displayName} has no Kandji agent`,
      })),
});

/** The Kandji checks. */
export const kandjiChecks: readonly AnyPostureCheck[] = [
  filevaultOff,
  notSupervised,
  activationLock,
  osOutdated,
  kandjiNoUser,
  kandjiStale,
  noBlueprint,
  agentMissing,
];
