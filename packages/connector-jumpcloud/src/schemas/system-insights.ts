import * as v from 'valibot';
import { optionalBoolean, optionalNumber, optionalString } from './common.js';

// System Insights rows (`GET /api/v2/systeminsights/<table>`, the spec's `system-insights-*`):
// osquery tables, one row per system and item, each naming its `system_id`.
const row = <E extends v.ObjectEntries>(entries: E) =>
  v.looseObject({ system_id: v.string(), collection_time: optionalString, ...entries });

/** `disk_encryption`: a volume and whether it is encrypted (macOS, Linux). */
export const InsightsDiskEncryption = row({
  name: optionalString,
  uuid: optionalString,
  encrypted: optionalNumber,
  type: optionalString,
  encryption_status: optionalString,
});

/** `bitlocker_info`: a Windows drive's BitLocker state. */
export const InsightsBitlockerInfo = row({
  drive_letter: optionalString,
  device_id: optionalString,
  protection_status: optionalNumber,
  conversion_status: optionalNumber,
  encryption_method: optionalString,
  percentage_encrypted: optionalNumber,
});

/** `os_version`: the operating system of a system. */
export const InsightsOsVersion = row({
  name: optionalString,
  version: optionalString,
  major: optionalNumber,
  minor: optionalNumber,
  patch: optionalNumber,
  build: optionalString,
  platform: optionalString,
  codename: optionalString,
});

/** `apps`: an application bundle installed on a Mac. */
export const InsightsApp = row({
  name: optionalString,
  bundle_identifier: optionalString,
  bundle_short_version: optionalString,
  bundle_version: optionalString,
  path: optionalString,
  last_opened_time: optionalNumber,
});

/** `programs`: a program installed on a Windows system. */
export const InsightsProgram = row({
  name: optionalString,
  version: optionalString,
  publisher: optionalString,
  install_date: optionalString,
  identifying_number: optionalString,
});

/** `patches`: a Windows hotfix installed on a system. */
export const InsightsPatch = row({
  hotfix_id: optionalString,
  description: optionalString,
  caption: optionalString,
  installed_on: optionalString,
  installed_by: optionalString,
});

/** `users`: a local account of a system. */
export const InsightsUser = row({
  username: optionalString,
  uid: optionalString,
  uuid: optionalString,
  description: optionalString,
  directory: optionalString,
  shell: optionalString,
  type: optionalString,
  admin: optionalBoolean,
  managed: optionalBoolean,
  suspended: optionalBoolean,
  last_login: optionalString,
});

/** `logged_in_users`: a session open on a system. */
export const InsightsLoggedInUser = row({
  user: optionalString,
  type: optionalString,
  tty: optionalString,
  host: optionalString,
  time: optionalNumber,
  pid: optionalNumber,
});
