// Checks across vendors, over the graph's people: what the directory and the device tools say
// about one person should agree. The directories are the graph's (`DIRECTORY_VENDORS`: the
// vendors whose adapter says it is one) unless `directories` says otherwise.
import {
  DIRECTORY_VENDORS,
  emailOf,
  type GraphEntity,
  type GraphSnapshot,
} from '@org/connector-graph';
import { type AnyPostureCheck, type CheckInput, defineCheck } from '../model/check.js';
import { cis, iso, soc2 } from './helpers.js';

/** Options of the cross-vendor checks. */
export interface DirectoryOptions extends Record<string, unknown> {
  /** Directory connections, by vendor or connection name. */
  directories: string[];
}

const DEFAULTS: DirectoryOptions = { directories: [...DIRECTORY_VENDORS] };

function directoryNames(snapshot: GraphSnapshot, directories: readonly string[]): Set<string> {
  return new Set(
    snapshot.connections
      .filter((c) => directories.includes(c.vendor) || directories.includes(c.name))
      .map((c) => c.name),
  );
}

function needsBoth(snapshot: GraphSnapshot): string | undefined {
  const dirs = directoryNames(snapshot, DEFAULTS.directories);
  if (dirs.size === 0) {
    return `no directory connection (${DEFAULTS.directories.join(', ')}) in the graph`;
  }
  if (dirs.size === snapshot.connections.length) return 'no device-tool connection in the graph';
  return undefined;
}

const connectionOf = (key: string) => key.slice(0, key.indexOf(':'));

interface PersonView {
  person: GraphEntity;
  directory: GraphEntity[];
  elsewhere: GraphEntity[];
}

/** Each person with its accounts split into directory and device-tool accounts. */
function people(input: CheckInput<DirectoryOptions>): PersonView[] {
  const { snapshot } = input;
  const dirs = directoryNames(snapshot, input.options.directories);
  const views = new Map<string, PersonView>();
  for (const person of input.entities('person')) {
    views.set(person._key, { person, directory: [], elsewhere: [] });
  }
  for (const r of input.relationships('IS')) {
    const view = views.get(r._fromEntityKey);
    const account = snapshot.entities.get(r._toEntityKey);
    if (!view || !account) continue;
    (dirs.has(connectionOf(account._key)) ? view.directory : view.elsewhere).push(account);
  }
  return [...views.values()];
}

function devicesByOwner(input: CheckInput<DirectoryOptions>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of input.relationships('OWNS')) {
    out.set(r._fromEntityKey, [...(out.get(r._fromEntityKey) ?? []), r._toEntityKey]);
  }
  return out;
}

const PEOPLE_READS = [{ resource: 'users' }, { resource: 'devices' }, { resource: 'people' }];

export const deviceWithoutDirectory = defineCheck<DirectoryOptions>({
  id: 'cross-vendor.person.device_without_directory',
  title: 'Person with a managed device but no directory account',
  severity: 'high',
  vendor: 'cross-vendor',
  rationale:
    'Offboarding starts in the directory: a device holder the directory does not know keeps the device when they leave.',
  remediation: {
    text: 'Create the person in the directory (or fix the email that fails to match), or reclaim the device.',
    console: "JumpCloud Admin Portal › User Management › Users; the device tool's device page",
  },
  frameworks: [...cis('5.1', '6.1'), ...soc2('CC6.2'), ...iso('A.5.16')],
  reads: PEOPLE_READS,
  precondition: needsBoth,
  defaults: DEFAULTS,
  evaluate: (input) => {
    const owned = devicesByOwner(input);
    return people(input).flatMap(({ person, directory, elsewhere }) => {
      if (directory.length > 0) return [];
      const devices = elsewhere.flatMap((a) => owned.get(a._key) ?? []).sort();
      if (devices.length === 0) return [];
      return [
        {
          entity: person._key,
          related: [...elsewhere.map((a) => a._key).sort(), ...devices],
          fields: { email: emailOf(person), directory: false, devices: devices.length },
          message: `${person.displayName} holds ${devices.length} managed device(s) but has no directory account`,
        },
      ];
    });
  },
});

export const suspendedButActive = defineCheck<DirectoryOptions>({
  id: 'cross-vendor.person.suspended_active_elsewhere',
  title: 'Person suspended in the directory but active in a device tool',
  severity: 'high',
  vendor: 'cross-vendor',
  rationale:
    'A leaver suspended in the directory still holds the device and the device-tool account that reaches it.',
  remediation: {
    text: "Finish offboarding: deactivate the device-tool account and lock, wipe or reclaim the person's devices.",
    console: "Kandji › Users / Hexnode UEM › Manage › Users; the person's devices",
  },
  frameworks: [...cis('6.2'), ...soc2('CC6.2'), ...iso('A.5.18')],
  reads: PEOPLE_READS,
  precondition: needsBoth,
  defaults: DEFAULTS,
  evaluate: (input) => {
    const owned = devicesByOwner(input);
    const suspended = (a: GraphEntity) => a.suspended === true || a.state === 'SUSPENDED';
    return people(input).flatMap(({ person, directory, elsewhere }) => {
      const users = directory.filter((a) => a._kind === 'user');
      if (users.length === 0 || !users.every(suspended)) return [];
      const live = elsewhere.filter(
        (a) => a.active !== false || (owned.get(a._key)?.length ?? 0) > 0,
      );
      if (live.length === 0) return [];
      const devices = live.flatMap((a) => owned.get(a._key) ?? []).sort();
      return [
        {
          entity: person._key,
          related: [
            ...users.map((u) => u._key).sort(),
            ...live.map((a) => a._key).sort(),
            ...devices,
          ],
          fields: {
            email: emailOf(person),
            directoryState: 'SUSPENDED',
            activeAccounts: live.length,
            devices: devices.length,
          },
          message: `${person.displayName} is suspended in the directory but has ${live.length} active device-tool account(s)`,
        },
      ];
    });
  },
});

export const unknownToDirectory = defineCheck<DirectoryOptions>({
  id: 'cross-vendor.account.unknown_to_directory',
  title: 'Device-tool account no directory knows',
  severity: 'medium',
  vendor: 'cross-vendor',
  rationale: 'Accounts outside the directory are outside its joiner-mover-leaver process.',
  remediation: {
    text: 'Match the account to its directory user (fix the email) or remove it.',
    console: 'Kandji › Users / Hexnode UEM › Manage › Users',
  },
  frameworks: [...cis('5.1'), ...soc2('CC6.2'), ...iso('A.5.16')],
  reads: [{ resource: 'users' }, { resource: 'people' }],
  precondition: needsBoth,
  defaults: DEFAULTS,
  evaluate: (input) =>
    people(input).flatMap(({ person, directory, elsewhere }) =>
      directory.length > 0
        ? []
        : elsewhere
            .filter((a) => a._kind === 'user')
            .map((a) => ({
              entity: a._key,
              related: [person._key],
              fields: { email: emailOf(a) ?? null },
              message: `${a.displayName} (${String(emailOf(a))}) has no directory account`,
            })),
    ),
});

/** The cross-vendor checks. */
export const crossVendorChecks: readonly AnyPostureCheck[] = [
  deviceWithoutDirectory,
  suspendedButActive,
  unknownToDirectory,
];
