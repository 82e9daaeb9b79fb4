// Kandji checks of each Mac's security state, from Prism's fleet-wide categories (FileVault,
// application firewall, Gatekeeper, startup settings) and the device listing (MDM, missing or lost,
// agent version): no per-device call is needed for any of them.
import type { GraphEntity, GraphValue } from '@org/connector-graph';
import { type AnyPostureCheck, defineCheck, type ResourceRead } from '../model/check.js';
import { cis, iso, soc2 } from './helpers.js';
import { isMac } from './kandji.js';
import { agentOutdatedCheck } from './os-outdated.js';

const DEVICES = 'Kandji › Devices';

/** A Mac whose Prism field `field` is `false` (unknown is not a finding). */
function macFlagOff(o: {
  id: string;
  title: string;
  severity: 'high' | 'medium' | 'low';
  rationale: string;
  remediation: { text: string; console: string };
  frameworks: ReturnType<typeof cis>;
  resource: string;
  field: string;
  what: string;
}) {
  const reads: ResourceRead[] = [
    { resource: 'devices' },
    { resource: o.resource, kind: 'device', fields: [o.field] },
  ];
  return defineCheck({
    id: o.id,
    title: o.title,
    severity: o.severity,
    vendor: 'kandji',
    rationale: o.rationale,
    remediation: o.remediation,
    frameworks: o.frameworks,
    reads,
    evaluate: ({ entities }) =>
      entities('device')
        .filter((d) => isMac(d) && d[o.field] === false)
        .map((d) => ({
          entity: d._key,
          fields: { [o.field]: false },
          message: `${d.displayName} has ${o.what} off`,
        })),
  });
}

export const filevaultKeyNotEscrowed = defineCheck({
  id: 'kandji.device.filevault_key_not_escrowed',
  title: 'FileVault recovery key not escrowed',
  severity: 'medium',
  vendor: 'kandji',
  rationale:
    'Without the personal recovery key in Kandji, a forgotten password or a departed user locks the Mac’s data away for good.',
  remediation: {
    text: 'Keep the FileVault library item on the blueprint so the agent rotates and escrows the key; have the user sign in if it waits for a Secure Token.',
    console: `${DEVICES} › (device) › Status › FileVault`,
  },
  frameworks: [...cis('3.6', '11.1'), ...soc2('CC6.7'), ...iso('A.8.24')],
  reads: [
    { resource: 'devices' },
    { resource: 'filevault', kind: 'device', fields: ['filevault.filevaultPrkEscrowed'] },
  ],
  evaluate: ({ entities }) =>
    entities('device')
      .filter(
        (d) =>
          d['filevault.filevaultEnabled'] === true && d['filevault.filevaultPrkEscrowed'] === false,
      )
      .map((d) => ({
        entity: d._key,
        fields: { 'filevault.filevaultEnabled': true, 'filevault.filevaultPrkEscrowed': false },
        message: `${d.displayName}'s FileVault recovery key is not escrowed`,
      })),
});

export const mdmRemoved = defineCheck({
  id: 'kandji.device.mdm_removed',
  title: 'Device whose MDM profile was removed',
  severity: 'high',
  vendor: 'kandji',
  rationale:
    'Without its MDM profile the device takes no commands, profiles or wipes: it looks managed in the console and is not.',
  remediation: {
    text: 'Re-enroll the device (through Automated Device Enrollment so the profile cannot be removed again).',
    console: `${DEVICES} › (device) › Status › MDM`,
  },
  frameworks: [...cis('4.1', '4.11'), ...soc2('CC6.8', 'CC7.1'), ...iso('A.8.1', 'A.8.9')],
  reads: [{ resource: 'devices', kind: 'device', fields: ['mdmEnabled'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d.mdmEnabled === false)
      .map((d) => ({
        entity: d._key,
        fields: { mdmEnabled: false },
        message: `${d.displayName} has no MDM profile`,
      })),
});

const lostMode = (d: GraphEntity): GraphValue | undefined =>
  typeof d.lostModeStatus === 'string' && d.lostModeStatus !== '' ? d.lostModeStatus : undefined;

export const missingOrLost = defineCheck({
  id: 'kandji.device.missing_or_lost',
  title: 'Device reported missing or in Lost Mode',
  severity: 'medium',
  vendor: 'kandji',
  rationale:
    'A missing or lost device still holds company data and may still sign in: decide whether to lock or wipe it and revoke its sessions.',
  remediation: {
    text: 'Lock or erase the device remotely, rotate the user’s credentials, and mark it found or retire it.',
    console: `${DEVICES} › (device) › Actions`,
  },
  frameworks: [...cis('4.11'), ...soc2('CC6.7'), ...iso('A.5.9', 'A.8.1')],
  reads: [{ resource: 'devices', kind: 'device', fields: ['isMissing'] }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d.isMissing === true || lostMode(d) !== undefined)
      .map((d) => ({
        entity: d._key,
        fields: { isMissing: d.isMissing ?? null, lostModeStatus: lostMode(d) ?? null },
        message:
          d.isMissing === true
            ? `${d.displayName} is reported missing`
            : `${d.displayName} is in Lost Mode (${String(lostMode(d))})`,
      })),
});

export const kandjiAgentOutdated = agentOutdatedCheck({
  id: 'kandji.device.agent_outdated',
  vendor: 'kandji',
  agent: 'the Kandji agent',
  field: 'agentVersion',
  reads: [{ resource: 'devices', kind: 'device', fields: ['agentVersion'] }],
  remediation: {
    text: 'Let the agent update itself, or reinstall it (Actions › Reinstall Agent).',
    console: `${DEVICES} › (device) › Actions › Reinstall Agent`,
  },
});

export const firewallOff = macFlagOff({
  id: 'kandji.device.firewall_off',
  title: 'Mac with the application firewall off',
  severity: 'medium',
  rationale:
    'Without the application firewall any listening service on the Mac is reachable from every network it joins.',
  remediation: {
    text: 'Add the Firewall library item to the blueprint (block all incoming except signed apps).',
    console: 'Kandji › Library › Firewall',
  },
  frameworks: [...cis('4.5'), ...soc2('CC6.6'), ...iso('A.8.20')],
  resource: 'applicationFirewall',
  field: 'firewall.status',
  what: 'the application firewall',
});

export const gatekeeperOff = macFlagOff({
  id: 'kandji.device.gatekeeper_off',
  title: 'Mac with Gatekeeper off',
  severity: 'medium',
  rationale:
    'With Gatekeeper off the Mac runs unsigned and unnotarized software without a warning: the first defence against downloaded malware is gone.',
  remediation: {
    text: 'Enforce Gatekeeper with a restrictions profile or the Gatekeeper library item.',
    console: 'Kandji › Library › Gatekeeper',
  },
  frameworks: [...cis('2.5', '10.1'), ...soc2('CC6.8'), ...iso('A.8.7')],
  resource: 'gatekeeperAndXprotect',
  field: 'gatekeeper.gatekeeperStatus',
  what: 'Gatekeeper',
});

export const sipDisabled = macFlagOff({
  id: 'kandji.device.sip_disabled',
  title: 'Mac with System Integrity Protection off',
  severity: 'high',
  rationale:
    'With SIP off, root (and any malware that gets root) can modify the system and its protected processes: nothing else on the Mac can be trusted.',
  remediation: {
    text: 'Turn SIP back on from Recovery (csrutil enable) and find out why it was off.',
    console: `${DEVICES} › (device) › Status`,
  },
  frameworks: [...cis('4.1', '10.5'), ...soc2('CC6.8'), ...iso('A.8.9')],
  resource: 'startupSettings',
  field: 'startupSettings.sip',
  what: 'System Integrity Protection',
});

/** The Kandji security-state checks. */
export const kandjiSecurityChecks: readonly AnyPostureCheck[] = [
  filevaultKeyNotEscrowed,
  mdmRemoved,
  missingOrLost,
  kandjiAgentOutdated,
  firewallOff,
  gatekeeperOff,
  sipDisabled,
];
