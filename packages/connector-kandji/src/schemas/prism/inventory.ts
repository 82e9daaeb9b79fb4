import * as v from 'valibot';
import { KandjiBoolean } from '../boolean.js';
import { KandjiDate } from '../date.js';
import { prismPage, prismRowFields } from './row.js';

const text = v.nullish(v.string(), null);
const flag = v.nullish(KandjiBoolean, null);

/** A row of Prism's Applications category (`GET /api/v1/prism/apps`): one per app per device. */
export const KandjiPrismApp = v.object({
  ...prismRowFields,
  // App name.
  name: text,
  // Bundle identifier, such as `com.agilebits.onepassword7`.
  bundle_id: text,
  // Bundle name.
  bundle_name: text,
  // Version, such as `7.9.11`.
  version: text,
  // Kandji's `short_version` (a build number, `70911000`, in the documented example).
  short_version: text,
  // Install path (macOS).
  path: text,
  // Where it came from, such as `App Store` or `Identified Developer`.
  obtained_from: text,
  // Code signature chain.
  signature: text,
  // Developer team id.
  team_id: text,
  // Developer name.
  developer_name: text,
  // App category, such as `public.app-category.productivity`.
  category: text,
  // Lowest OS version it runs on.
  minimum_system_version: text,
  // Whether an update is available (iOS/iPadOS).
  has_update_available: flag,
});
/** An Applications row, as validated. */
export type KandjiPrismApp = v.InferOutput<typeof KandjiPrismApp>;
/** One page of Applications rows. */
export const KandjiPrismAppPage = prismPage(KandjiPrismApp);

/** One payload of an installed profile. */
export const KandjiProfilePayload = v.object({
  // Payload display name.
  display_name: text,
  // Payload identifier.
  identifier: text,
  // Payload organization.
  organization: text,
  // Payload type, such as `com.apple.servicemanagement`.
  type: text,
  // Payload UUID.
  uuid: text,
  // Payload version.
  version: v.nullish(v.number(), null),
});

/** A row of Prism's Installed profiles category: one per profile per device. */
export const KandjiPrismInstalledProfile = v.object({
  ...prismRowFields,
  // Profile display name.
  profile_display_name: text,
  // Profile description.
  profile_description: text,
  // Organization that signed or issued it.
  organization: text,
  // Top-level payload identifier.
  payload_identifier: text,
  // Top-level payload UUID.
  payload_uuid: text,
  // Whether MDM installed it.
  managed: flag,
  // Whether it is encrypted.
  encrypted: flag,
  // Whether it is signed.
  signed: flag,
  // Whether the user can remove it.
  removable: flag,
  // Whether removal needs a passcode.
  removal_passcode: flag,
  // Its payloads.
  profile_data: v.nullish(v.array(KandjiProfilePayload), []),
});
/** An Installed profiles row, as validated. */
export type KandjiPrismInstalledProfile = v.InferOutput<typeof KandjiPrismInstalledProfile>;
/** One page of Installed profiles rows. */
export const KandjiPrismInstalledProfilePage = prismPage(KandjiPrismInstalledProfile);

/** A row of Prism's Local users category (macOS): one per local account per Mac. */
export const KandjiPrismLocalUser = v.object({
  ...prismRowFields,
  // Short name, such as `daemon`.
  username: text,
  // Full name.
  full_name: text,
  // POSIX uid.
  uid: v.nullish(v.number(), null),
  // Generated UID (GUID).
  generated_uid: text,
  // `Standard` or `Admin`.
  type: text,
  // Directory node, such as `/Local/Default`.
  directory: text,
  // Home directory.
  home_directory: text,
  // Login shell.
  shell: text,
  // Hidden account.
  hidden_user: flag,
  // Mobile (network) account.
  mobile_account: flag,
  // Holds a Secure Token.
  secure_token: flag,
  // Volume owner (Apple silicon).
  volume_owner: flag,
  // May unlock FileVault.
  filevault_user: flag,
  // Whether the user is logged in now.
  logged_in: flag,
  // When the user logged in.
  logged_in_time: KandjiDate,
  // When the password was last set.
  password_last_set: KandjiDate,
  // Failed logins counted.
  failed_logins: v.nullish(v.number(), null),
  // Last failed login.
  failed_login_time: KandjiDate,
  // When the account was created.
  user_created_at: KandjiDate,
});
/** A Local users row, as validated. */
export type KandjiPrismLocalUser = v.InferOutput<typeof KandjiPrismLocalUser>;
/** One page of Local users rows. */
export const KandjiPrismLocalUserPage = prismPage(KandjiPrismLocalUser);
