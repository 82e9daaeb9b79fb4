import { objectId } from '../../data/ids.js';
import { person } from '../../data/people.js';
import { hash, hex, pick, Stream } from '../../data/random.js';

const SPAN_MS = 30 * 86_400_000;

const EVENT_TYPES: Record<string, string[]> = {
  directory: [
    'user_create',
    'user_update',
    'admin_login_attempt',
    'user_group_update',
    'user_login_attempt',
  ],
  sso: ['sso_auth'],
  systems: ['login_attempt', 'user_lockout'],
  radius: ['radius_auth_attempt'],
  ldap: ['ldap_bind'],
  mdm: ['mdm_command_result'],
};
const SERVICES = ['directory', 'directory', 'sso', 'sso', 'systems', 'radius', 'ldap', 'mdm'];
// Changes made in the Admin Portal: initiated by an administrator, not a user.
const ADMIN_EVENTS = new Set([
  'user_create',
  'user_update',
  'admin_login_attempt',
  'user_group_update',
]);
const APPS = ['slack', 'github', 'zoom'];

/** A successful User Portal sign-in of seeded user `user` at `at` (epoch ms). */
export interface ScriptedLogin {
  user: number;
  at: number;
}

/**
 * Directory Insights events: `count` events spread evenly over the 30 days before `epochMs`. A
 * user's event names one of the org's `users` seeded users (its id, username and email as the
 * directory has them); an Admin Portal change names one of its `admins` administrators. A posture
 * scenario gives `logins` instead: exactly those successful sign-ins, and nothing else.
 */
export class EventLog {
  readonly count: number;
  readonly #logins: ScriptedLogin[] | undefined;

  constructor(
    readonly seed: number,
    count: number,
    readonly epochMs: number,
    readonly orgId: string,
    readonly domain: string,
    readonly users = 1000,
    readonly admins = 1,
    logins?: readonly ScriptedLogin[],
  ) {
    this.#logins = logins ? [...logins].sort((a, b) => a.at - b.at || a.user - b.user) : undefined;
    this.count = this.#logins?.length ?? count;
  }

  get start(): number {
    return this.epochMs - SPAN_MS;
  }

  /** Increasing in i (strictly for generated events: the span is far larger than the count). */
  timestamp(i: number): number {
    const scripted = this.#logins?.[i];
    if (scripted) return scripted.at;
    return this.start + Math.floor((i * SPAN_MS) / Math.max(1, this.count));
  }

  /** First index whose timestamp is ≥ ms. */
  firstAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timestamp(mid) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  service(i: number): string {
    if (this.#logins) return 'directory';
    return pick(SERVICES, this.seed, Stream.event, i, 1);
  }

  /** The seeded user an event of index `i` is about (for a user's own events). */
  userOf(i: number): number {
    const scripted = this.#logins?.[i];
    if (scripted) return scripted.user;
    return hash(this.seed, Stream.event, i, 2) % Math.max(1, this.users);
  }

  event(i: number): Record<string, unknown> {
    const h = (salt: number) => hash(this.seed, Stream.event, i, salt);
    const service = this.service(i);
    const eventType = this.#logins
      ? 'user_login_attempt'
      : pick(EVENT_TYPES[service] as string[], this.seed, Stream.event, i, 5);
    const success = this.#logins !== undefined || h(3) % 9 !== 0;
    const ts = this.timestamp(i);
    const byAdmin = ADMIN_EVENTS.has(eventType);
    const k = byAdmin ? h(2) % Math.max(1, this.admins) : this.userOf(i);
    // Administrators and users are drawn as objects.ts draws them, so ids and emails match.
    const p = byAdmin
      ? person(hash(this.seed, Stream.admin), k, this.domain)
      : person(this.seed, k, this.domain);
    const mfa = h(11) % 3 !== 0;
    const app = pick(APPS, this.seed, i, 10);
    return {
      '@version': '1',
      id: hex(20, this.seed, Stream.event, i, 4),
      timestamp: new Date(ts).toISOString(),
      event_type: eventType,
      service,
      organization: this.orgId,
      success,
      client_ip: `203.0.113.${(h(6) % 254) + 1}`,
      initiated_by: byAdmin
        ? { id: objectId(this.seed, Stream.admin, k), type: 'admin', email: p.email }
        : {
            id: objectId(this.seed, Stream.user, k),
            type: 'user',
            username: p.username,
            email: p.email,
          },
      geoip: {
        country_code: pick(['US', 'DE', 'GB', 'IN', 'BR'], this.seed, i, 7),
        timezone: 'UTC',
      },
      useragent: {
        name: pick(['Chrome', 'Safari', 'Firefox', 'Edge'], this.seed, i, 8),
        os: pick(['Mac OS X', 'Windows', 'iOS'], this.seed, i, 9),
        device: 'Other',
      },
      ...(eventType === 'user_login_attempt' || eventType === 'admin_login_attempt'
        ? { auth_method: 'password', mfa: success && mfa }
        : {}),
      ...(service === 'sso'
        ? {
            application: {
              id: objectId(this.seed, Stream.app, APPS.indexOf(app)),
              name: app,
              display_label: `${app[0]?.toUpperCase()}${app.slice(1)}`,
              sso_type: 'saml',
            },
            idp_initiated: h(12) % 2 === 0,
            sso_token_success: success,
            mfa: success && mfa,
          }
        : {}),
      ...(success ? {} : { error_message: 'Invalid credentials' }),
    };
  }
}
