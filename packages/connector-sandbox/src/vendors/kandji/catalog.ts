// The seeded catalogs (apps, profiles, CVEs) and time formats the Kandji inventory draws from.

/** A row of a Kandji response. */
export type Row = Record<string, unknown>;
/** Name, bundle id, version, developer, team id. */
export type App = readonly [string, string, string, string, string];

/** Apps a Mac may have. */
export const MAC_APPS: readonly App[] = [
  ['Google Chrome', 'com.google.Chrome', '131.0.6778.86', 'Google LLC', 'EQHXZ8M8AV'],
  ['Slack', 'com.tinyspeck.slackmacgap', '4.41.105', 'Slack Technologies, Inc.', 'BQR82RBBHL'],
  ['zoom.us', 'us.zoom.xos', '6.2.11', 'Zoom Video Communications, Inc.', 'BJ4HAAB9B3'],
  ['1Password 7', 'com.agilebits.onepassword7', '7.9.11', 'AgileBits Inc.', '2BUA8C4S2C'],
  ['Microsoft Word', 'com.microsoft.Word', '16.91', 'Microsoft Corporation', 'UBF8T346G9'],
  ['Visual Studio Code', 'com.microsoft.VSCode', '1.95.3', 'Microsoft Corporation', 'UBF8T346G9'],
  ['Okta Verify', 'com.okta.mobile', '9.27.0', 'Okta, Inc.', 'B7F62B65BN'],
  ['Docker', 'com.docker.docker', '4.36.0', 'Docker Inc', '9BNSXJN65R'],
];
/** Apps an iPhone or iPad may have. */
export const MOBILE_APPS: readonly App[] = [
  ['Okta Verify', 'com.okta.mobile', '9.27.0', 'Okta, Inc.', 'B7F62B65BN'],
  ['Slack', 'com.tinyspeck.chatlyio', '24.11.10', 'Slack Technologies, Inc.', 'BQR82RBBHL'],
  [
    'Microsoft Outlook',
    'com.microsoft.Office.Outlook',
    '4.2445.0',
    'Microsoft Corporation',
    'UBF8T346G9',
  ],
  ['Zoom', 'us.zoom.videomeetings', '6.2.10', 'Zoom Video Communications, Inc.', 'BJ4HAAB9B3'],
];
/** Profiles a device may have installed: name, identifier, payload type. */
export const PROFILES = [
  ['Kandji MDM Profile', 'com.kandji.profile.mdmprofile', 'com.apple.mdm'],
  ['Passcode Policy', 'com.kandji.profile.passcode', 'com.apple.mobiledevice.passwordpolicy'],
  ['Wi-Fi (Corp)', 'com.kandji.profile.wifi', 'com.apple.wifi.managed'],
];
/** Known CVEs: id, CVSS score, severity, app name, bundle id. */
export const CVES = [
  ['CVE-2024-44308', 7.5, 'High', 'Google Chrome', 'com.google.Chrome'],
  ['CVE-2024-24795', 6.3, 'Medium', 'zoom.us', 'us.zoom.xos'],
  ['CVE-2024-27834', 8.1, 'High', 'Docker', 'com.docker.docker'],
  ['CVE-2023-5217', 8.8, 'High', 'Slack', 'com.tinyspeck.slackmacgap'],
];

/**
 * The Prism categories the sandbox serves, and which of `total` and `offset` Kandji fills in for
 * each (the other is null), as its documented answers show: most report a total, FileVault,
 * Gatekeeper and the firewall an offset, local users both (beside a cursor).
 */
export const PRISM_CATEGORIES: Record<string, { total: boolean; offset: boolean }> = {
  device_information: { total: true, offset: false },
  filevault: { total: false, offset: true },
  activation_lock: { total: true, offset: false },
  apps: { total: true, offset: false },
  installed_profiles: { total: true, offset: false },
  local_users: { total: true, offset: true },
  gatekeeper_and_xprotect: { total: false, offset: true },
  application_firewall: { total: false, offset: true },
  startup_settings: { total: true, offset: false },
};

/** `2024-11-18T21:02:58.179622+00:00`, as Prism formats its times. */
export function prismTime(ms: number, micro: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, `.${String(micro).padStart(6, '0')}+00:00`);
}

/** Parses the device's `2023-…+00:00` or ISO time back to epoch ms. */
export const ms = (text: unknown): number => Date.parse(String(text).replace(' ', 'T'));
