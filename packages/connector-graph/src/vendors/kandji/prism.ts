// Kandji's Prism categories, fleet-wide (300 rows a request, never one request per device): the
// security state each device's row carries, merged into the device under JupiterOne's names
// (`filevault.filevaultEnabled`, `activationLock.userActivationLockEnabled`...), and the software:
// apps and profiles installed on each device, and its local accounts.
import type { ReadContext, ResourceReader } from '../../collect/adapter.js';
import type { GraphValue } from '../../model/entity.js';
import { timestampOf } from '../../model/jupiterone.js';
import { present, text } from '../common.js';
import { type KandjiRead, PAGE } from './context.js';

type Row = { device_id: string } & Record<string, unknown>;
type Fields = Record<string, GraphValue | undefined>;

const flag = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const str = (v: unknown): string | null => text(v) ?? null;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Devices a fleet-wide category covers: its pages follow from how many devices there were. */
const byDevices =
  (perDevice = 1) =>
  ({ items }: { items(r: string): number | undefined }) =>
    // Some categories send no total: the last page is the first short one.
    Math.floor(((items('devices') ?? 0) * perDevice) / PAGE) + 1;

/** One Prism category whose row per device merges `map(row)` into the device. */
function security(
  k: KandjiRead,
  name: string,
  merges: readonly string[],
  map: (row: Row) => Fields,
): ResourceReader {
  return {
    name,
    dependsOn: ['devices'],
    merges,
    estimate: byDevices(),
    async read(ctx) {
      for await (const row of k.list<Row>(name).list(ctx.call)) {
        ctx.merge('device', row.device_id, present(map(row)));
      }
    },
  };
}

export function prismSecurity(k: KandjiRead): ResourceReader[] {
  return [
    security(
      k,
      'deviceInformation',
      ['hardwareOverview.', 'osBuild', 'osMarketingName', 'appleSilicon', 'deviceCapacity'],
      (r) => ({
        'hardwareOverview.modelName': str(r.model_name),
        'hardwareOverview.modelIdentifier': str(r.model_id),
        osBuild: str(r.os_build),
        osMarketingName: str(r.marketing_name),
        appleSilicon: flag(r.apple_silicon),
        deviceCapacity: num(r.device_capacity),
      }),
    ),
    security(k, 'filevault', ['filevault.', 'encrypted'], (r) => ({
      'filevault.filevaultEnabled': flag(r.status),
      'filevault.filevaultPrkEscrowed': flag(r.key_escrowed),
      'filevault.filevaultRecoverykeyType': str(r.key_type),
      'filevault.filevaultRegenRequired': flag(r.regeneration_needed),
      'filevault.filevaultNextRotation': timestampOf(r.scheduled_key_rotation),
      encrypted: flag(r.status),
    })),
    security(k, 'activationLock', ['activationLock.'], (r) => ({
      'activationLock.activationLockSupported': flag(r.activation_lock_supported),
      'activationLock.activationLockAllowedWhileSupervised': flag(
        r.activation_lock_allowed_while_supervised,
      ),
      'activationLock.deviceActivationLockEnabled': flag(r.device_activation_lock_enabled),
      'activationLock.userActivationLockEnabled': flag(r.user_activation_lock_enabled),
      'activationLock.bypassCodeFailed': flag(r.bypass_code_failed),
    })),
    security(k, 'gatekeeperAndXprotect', ['gatekeeper.'], (r) => ({
      'gatekeeper.gatekeeperStatus': flag(r.gatekeeper_status),
      'gatekeeper.trustedDevelopers': flag(r.trusted_developers),
      'gatekeeper.xprotectVersion': str(r.xprotect_version),
    })),
    security(k, 'applicationFirewall', ['firewall.', 'firewallEnabled'], (r) => ({
      'firewall.status': flag(r.status),
      'firewall.blockAllIncoming': flag(r.block_all_incoming),
      'firewall.stealthMode': flag(r.stealth_mode),
      firewallEnabled: flag(r.status),
    })),
    security(k, 'startupSettings', ['startupSettings.'], (r) => ({
      'startupSettings.sip': flag(r.sip),
      'startupSettings.ssv': flag(r.ssv),
      'startupSettings.secureBootLevel': str(r.secure_boot_level),
      'startupSettings.bootstrapTokenEscrowed': flag(r.bootstrap_token_escrowed),
    })),
  ];
}

/**
 * A Prism category of many rows per device whose rows become entities installed on it
 * (`kandji_device INSTALLED kandji_app`), with per-device values on the edge.
 */
function installed(
  k: KandjiRead,
  name: string,
  perDevice: number,
  add: (ctx: ReadContext, row: Row) => void,
  finish?: (ctx: ReadContext) => void,
): ResourceReader {
  return {
    name,
    dependsOn: ['devices'],
    // Rows per device vary: the last read's edges, else a guess per device.
    estimate: ({ items, edges }) => {
      const rows = edges(name);
      return rows !== undefined ? Math.floor(rows / PAGE) + 1 : byDevices(perDevice)({ items });
    },
    async read(ctx) {
      const known = new Set(k.deviceIds);
      for await (const row of k.list<Row>(name).list(ctx.call)) {
        if (known.has(row.device_id)) add(ctx, row);
      }
      finish?.(ctx);
    },
  };
}

export function prismInventory(k: KandjiRead): ResourceReader[] {
  const profilesOf = new Map<string, string[]>();
  const usersOf = new Map<string, { regular: string[]; system: string[]; admins: string[] }>();
  return [
    // Apps by bundle id (`kandji_app`); each device's version and path on its INSTALLED edge.
    installed(k, 'apps', 20, (ctx, r) => {
      const bundle = str(r.bundle_id) ?? str(r.name);
      if (!bundle) return;
      const app = ctx.entity({
        kind: 'app',
        id: bundle,
        class: ['Application'],
        displayName: str(r.name) ?? bundle,
        fields: present({
          id: bundle,
          bundleId: str(r.bundle_id),
          bundleName: str(r.bundle_name),
          developerName: str(r.developer_name),
          teamId: str(r.team_id),
          source: str(r.obtained_from),
          signature: str(r.signature),
          appCategory: str(r.category),
        }),
      });
      ctx.relate(ctx.ref('device', r.device_id), 'INSTALLED', app, {
        ...present({
          version: str(r.version),
          path: str(r.path),
          hasUpdateAvailable: flag(r.has_update_available),
        }),
      });
    }),
    // Profiles by payload identifier (`kandji_profile`, a `Configuration`).
    {
      ...installed(
        k,
        'installedProfiles',
        4,
        (ctx, r) => {
          const id = str(r.payload_identifier) ?? str(r.payload_uuid);
          if (!id) return;
          const types = Array.isArray(r.profile_data)
            ? r.profile_data
                .map((p) => str((p as { type?: unknown }).type))
                .filter((t): t is string => t !== null)
            : [];
          const profile = ctx.entity({
            kind: 'profile',
            id,
            class: ['Configuration'],
            displayName: str(r.profile_display_name) ?? id,
            fields: present({
              id,
              description: str(r.profile_description),
              organization: str(r.organization),
              mdmIdentifier: str(r.payload_identifier),
              payloadUuid: str(r.payload_uuid),
              payloadTypes: types.length > 0 ? [...new Set(types)].sort() : null,
            }),
          });
          ctx.relate(ctx.ref('device', r.device_id), 'INSTALLED', profile, {
            ...present({
              managed: flag(r.managed),
              removable: flag(r.removable),
              encrypted: flag(r.encrypted),
              signed: flag(r.signed),
            }),
          });
          const list = profilesOf.get(r.device_id) ?? [];
          list.push(str(r.payload_uuid) ?? id);
          profilesOf.set(r.device_id, list);
        },
        (ctx) => {
          for (const [device, ids] of profilesOf) {
            ctx.merge('device', device, { installedProfiles: [...new Set(ids)].sort() });
          }
        },
      ),
      merges: ['installedProfiles'],
    },
    // Local accounts of each Mac, as JupiterOne lists them (uids; system accounts below 500).
    {
      ...installed(
        k,
        'localUsers',
        6,
        (_ctx, r) => {
          const uid = num(r.uid);
          if (uid === null) return;
          const lists = usersOf.get(r.device_id) ?? { regular: [], system: [], admins: [] };
          (uid >= 500 ? lists.regular : lists.system).push(String(uid));
          const username = str(r.username);
          if (str(r.type) === 'Admin' && username) lists.admins.push(username);
          usersOf.set(r.device_id, lists);
        },
        (ctx) => {
          for (const [device, lists] of usersOf) {
            ctx.merge('device', device, {
              'users.regularUsers': lists.regular,
              'users.systemUsers': lists.system,
              'users.adminUsers': lists.admins,
            });
          }
        },
      ),
      merges: ['users.'],
      estimate: byDevices(6),
    },
  ];
}
