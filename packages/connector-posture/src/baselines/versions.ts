// Version baselines as data, each with the date it was last checked: checks compare against them,
// hosts replace them (`checkOptions[checkId]`) when they keep their own.
import type { GraphEntity } from '@org/connector-graph';

/** The operating systems a baseline names, as their vendors do. */
export type OsFamily = 'macOS' | 'iOS' | 'iPadOS' | 'tvOS' | 'Windows' | 'Android' | 'Ubuntu';

/** The oldest release of each operating system still considered supported, and when that was checked. */
export interface OsBaseline extends Record<string, unknown> {
  /** When the minimums were last checked against the vendors' support pages (ISO date). */
  updated: string;
  /** Where they come from. */
  source: string;
  /** The oldest supported version by OS (`macOS: '15.0'`); an OS left out is not judged. */
  minimum: Partial<Record<OsFamily, string>>;
}

/**
 * The shipped OS baseline: the oldest major release of each OS that still receives security
 * updates as of `updated`. Apple patches the current macOS and the two before it (macOS 15
 * Sequoia the oldest) and iOS, iPadOS and tvOS 18 and later; Windows 10 left support in October
 * 2025 (Windows `11`, builds `10.0.22000` and later); Android 14 and later get the monthly
 * bulletins; Ubuntu 22.04 is the oldest LTS in standard support.
 */
export const OS_BASELINE: OsBaseline = {
  updated: '2026-12-07',
  source:
    'Apple security releases (support.apple.com/100100), Microsoft Windows lifecycle, Android security bulletins, Ubuntu release cycle',
  minimum: {
    macOS: '15.0',
    iOS: '18.0',
    iPadOS: '18.0',
    tvOS: '18.0',
    Windows: '11',
    Android: '14',
    Ubuntu: '22.04',
  },
};

/** The oldest supported agent version per vendor, and when that was checked. */
export interface AgentBaseline extends Record<string, unknown> {
  updated: string;
  source: string;
  /** The oldest agent version still considered current, by vendor (`jumpcloud: '1.170.0'`). */
  minimum: Partial<Record<string, string>>;
}

/**
 * The shipped agent baseline. Neither vendor publishes a support window for its agent; these are
 * the releases of about a year before `updated`, as the vendors' release notes list them. Set your
 * own when you pin agent versions.
 */
export const AGENT_BASELINE: AgentBaseline = {
  updated: '2026-12-07',
  source: 'JumpCloud agent and Kandji agent release notes',
  minimum: { jumpcloud: '1.170.0', kandji: '4.8.0' },
};

/**
 * The OS family of a device entity, from the data model's `osType` and the vendor's names
 * (Kandji's `deviceFamily`, an `osName`); undefined when it is none a baseline names.
 */
export function osFamilyOf(e: GraphEntity): OsFamily | undefined {
  const name = `${String(e.deviceFamily ?? '')} ${String(e.osName ?? '')}`.toLowerCase();
  switch (e.osType) {
    case 'darwin':
      return 'macOS';
    case 'ios':
      if (name.includes('ipad')) return 'iPadOS';
      if (name.includes('appletv') || name.includes('tvos')) return 'tvOS';
      return 'iOS';
    case 'windows':
      return 'Windows';
    case 'android':
      return 'Android';
    case 'linux':
      return name.includes('ubuntu') ? 'Ubuntu' : undefined;
    default:
      return undefined;
  }
}

/**
 * A version as its baseline compares it: Windows build numbers (`10.0.22631`) as the release they
 * are (`11`), editions dropped (`11 Pro` → `11`); others as they are.
 */
export function comparableVersion(family: OsFamily, version: string): string {
  if (family === 'Windows') {
    const build = /^10\.0\.(\d+)/.exec(version);
    if (build) return Number(build[1]) >= 22000 ? '11' : '10';
  }
  return version.trim().split(/\s+/)[0] ?? version;
}
