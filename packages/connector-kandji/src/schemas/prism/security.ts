import * as v from 'valibot';
import { KandjiBoolean } from '../boolean.js';
import { KandjiDate } from '../date.js';
import { prismPage, prismRowFields } from './row.js';

const text = v.nullish(v.string(), null);
const flag = v.nullish(KandjiBoolean, null);

/** A row of Prism's FileVault category (`GET /api/v1/prism/filevault`): one per Mac. */
export const KandjiPrismFilevault = v.object({
  ...prismRowFields,
  // Whether FileVault is on (`status`, a boolean).
  status: flag,
  // Whether the personal recovery key is escrowed to Kandji.
  key_escrowed: flag,
  // Kind of recovery key (personal, institutional), when reported.
  key_type: text,
  // Whether the recovery key must be regenerated.
  regeneration_needed: flag,
  // When the next key rotation is scheduled.
  scheduled_key_rotation: KandjiDate,
});
/** A FileVault row, as validated. */
export type KandjiPrismFilevault = v.InferOutput<typeof KandjiPrismFilevault>;
/** One page of FileVault rows. */
export const KandjiPrismFilevaultPage = prismPage(KandjiPrismFilevault);

/**
 * A row of Prism's Activation lock category (`GET /api/v1/prism/activation_lock`): one per device.
 * The spec's example for this category is a copy of Device information; the activation-lock fields
 * are named as the device details' `activation_lock` section names them.
 */
export const KandjiPrismActivationLock = v.object({
  ...prismRowFields,
  // Whether the device supports Activation Lock.
  activation_lock_supported: flag,
  // Whether Activation Lock is allowed while supervised (MDM may enable it).
  activation_lock_allowed_while_supervised: flag,
  // Whether the device (MDM) Activation Lock is on.
  device_activation_lock_enabled: flag,
  // Whether a user's personal Activation Lock (Find My) is on.
  user_activation_lock_enabled: flag,
  // Whether the bypass code failed.
  bypass_code_failed: flag,
});
/** An Activation lock row, as validated. */
export type KandjiPrismActivationLock = v.InferOutput<typeof KandjiPrismActivationLock>;
/** One page of Activation lock rows. */
export const KandjiPrismActivationLockPage = prismPage(KandjiPrismActivationLock);

/** A row of Prism's Gatekeeper and XProtect category (Mac only). */
export const KandjiPrismGatekeeper = v.object({
  ...prismRowFields,
  // Whether Gatekeeper is on.
  gatekeeper_status: flag,
  // Whether apps from identified developers are allowed (beside the App Store).
  trusted_developers: flag,
  // Gatekeeper version.
  gatekeeper_version: text,
  // Gatekeeper opaque (data) version.
  gatekeeper_opaque_version: text,
  // XProtect definitions version.
  xprotect_version: text,
  // Malware Removal Tool version.
  malware_removal_tool_version: text,
});
/** A Gatekeeper and XProtect row, as validated. */
export type KandjiPrismGatekeeper = v.InferOutput<typeof KandjiPrismGatekeeper>;
/** One page of Gatekeeper and XProtect rows. */
export const KandjiPrismGatekeeperPage = prismPage(KandjiPrismGatekeeper);

/** A row of Prism's Application firewall category (Mac only). */
export const KandjiPrismFirewall = v.object({
  ...prismRowFields,
  // Whether the application firewall is on.
  status: flag,
  // Whether every incoming connection is blocked.
  block_all_incoming: flag,
  // Whether signed applications may receive connections.
  allow_signed_applications: flag,
  // Stealth mode.
  stealth_mode: flag,
  // Whether the firewall logs.
  logging: flag,
  // Logging option, such as `throttled`.
  logging_option: text,
  // Whether the firewall is being unloaded.
  unloading: flag,
  // Firewall version.
  version: text,
});
/** An Application firewall row, as validated. */
export type KandjiPrismFirewall = v.InferOutput<typeof KandjiPrismFirewall>;
/** One page of Application firewall rows. */
export const KandjiPrismFirewallPage = prismPage(KandjiPrismFirewall);

/**
 * A row of Prism's Startup settings category (`GET /api/v1/prism/startup_settings`, Mac only):
 * System Integrity Protection, the signed system volume, secure boot and bootstrap token.
 */
export const KandjiPrismStartupSettings = v.object({
  ...prismRowFields,
  // Whether System Integrity Protection is on.
  sip: flag,
  // Whether the signed system volume is on.
  ssv: flag,
  // Secure boot level, such as `full`, `medium` or `off`.
  secure_boot_level: text,
  // Whether booting from external media is `allowed`.
  external_boot_level: text,
  // Whether the bootstrap token is escrowed to the MDM.
  bootstrap_token_escrowed: flag,
  // Whether the bootstrap token authorises (kernel extensions, software updates).
  bootstrap_token_auth: flag,
  // Whether loading kernel extensions requires the bootstrap token.
  kext_requires_bst: flag,
  // Whether software updates require the bootstrap token.
  software_update_requires_bst: flag,
  // Whether any signed OS may boot.
  any_signed_os: flag,
  // Whether the MDM manages kernel extensions.
  mdm_manages_kext: flag,
  // Whether the user manages kernel extensions.
  user_manages_kext: flag,
});
/** A Startup settings row, as validated. */
export type KandjiPrismStartupSettings = v.InferOutput<typeof KandjiPrismStartupSettings>;
/** One page of Startup settings rows. */
export const KandjiPrismStartupSettingsPage = prismPage(KandjiPrismStartupSettings);
