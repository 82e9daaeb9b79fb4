// Kandji checks of Apple devices. FileVault and Activation Lock come from Prism's fleet-wide
// categories, which the graph merges into each device; supervision is only in the per-device
// details endpoint, which the graph does not call (one request per device), so that check says so.
import { type AnyPostureCheck, defineCheck } from '../model/check.js';
import { cis, compareVersions, daysSince, iso, soc2 } from './helpers.js';

const DEVICES = 'Kandji › Devices';
const DETAILS =
  'supervision is only in GET /api/v1/devices/{id}/details (kandji.deviceDetails, one request per device), which the graph does not read';

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
    { resource: 'filevault', kind: 'device', fields: ['filevault.filevault_enabled'] },
  ],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d.platform === 'Mac' && d['filevault.filevault_enabled'] !== true)
      .map((d) => ({
        entity: d._key,
        fields: { 'filevault.filevault_enabled': d['filevault.filevault_enabled'] },
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
    { resource: 'devices', kind: 'device', fields: ['mdm.is_supervised'], missingReason: DETAILS },
  ],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d['mdm.is_supervised'] === false)
      .map((d) => ({
        entity: d._key,
        fields: { 'mdm.is_supervised': false },
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
      fields: ['activation_lock.user_activation_lock_enabled'],
    },
  ],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d['activation_lock.user_activation_lock_enabled'] === true)
      .map((d) => ({
        entity: d._key,
        fields: { 'activation_lock.user_activation_lock_enabled': true },
        message: `${d.displayName} is under a user's Activation Lock`,
      })),
});

/** Minimum OS versions by Kandji platform (`Mac`, `iPhone`, `iPad`, `AppleTV`). */
export interface OsBaseline extends Record<string, unknown> {
  minimum: Record<string, string>;
}

export const osOutdated = defineCheck<OsBaseline>({
  id: 'kandji.device.os_outdated',
  title: 'Device OS older than the supported baseline',
  severity: 'medium',
  vendor: 'kandji',
  rationale: 'Releases behind the baseline miss security fixes that are already public.',
  remediation: {
    text: 'Enforce updates with the Managed OS library item.',
    console: 'Kandji › Library › Managed OS',
  },
  frameworks: [...cis('2.2', '7.4'), ...soc2('CC7.1'), ...iso('A.8.8')],
  reads: [{ resource: 'devices', kind: 'device', fields: ['os_version'] }],
  defaults: { minimum: { Mac: '14.4', iPhone: '17.4', iPad: '17.4', AppleTV: '17.0' } },
  evaluate: ({ entities, options }) =>
    entities('device').flatMap((d) => {
      const minimum = options.minimum[String(d.platform)];
      const version = d.os_version;
      if (!minimum || typeof version !== 'string' || compareVersions(version, minimum) >= 0)
        return [];
      return [
        {
          entity: d._key,
          fields: { platform: d.platform, os_version: version, minimum },
          message: `${d.displayName} runs ${version}, below ${minimum}`,
        },
      ];
    }),
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
  reads: [{ resource: 'devices', kind: 'device', fields: ['last_check_in'] }],
  defaults: { days: 30 },
  evaluate: ({ entities, now, options }) =>
    entities('device')
      .filter((d) => (daysSince(d.last_check_in, now) ?? Number.POSITIVE_INFINITY) > options.days)
      .map((d) => ({
        entity: d._key,
        fields: { last_check_in: d.last_check_in },
        message: `${d.displayName} has not checked in for more than ${options.days} days`,
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
        fields: { blueprint_id: d.blueprint_id ?? null },
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
  reads: [{ resource: 'devices', kind: 'device', fields: ['agent_installed'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d.platform === 'Mac' && d.agent_installed !== true)
      .map((d) => ({
        entity: d._key,
        fields: { platform: 'Mac', agent_installed: d.agent_installed },
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
