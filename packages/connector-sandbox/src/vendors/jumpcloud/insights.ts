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

/** Directory Insights events: `count` events spread evenly over the 30 days before `epochMs`. */
export class EventLog {
  constructor(
    readonly seed: number,
    readonly count: number,
    readonly epochMs: number,
    readonly orgId: string,
    readonly domain: string,
  ) {}

  get start(): number {
    return this.epochMs - SPAN_MS;
  }

  /** Strictly increasing in i (the span is far larger than the count). */
  timestamp(i: number): number {
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
    return pick(SERVICES, this.seed, Stream.event, i, 1);
  }

  event(i: number): Record<string, unknown> {
    const h = (salt: number) => hash(this.seed, Stream.event, i, salt);
    const service = this.service(i);
    const p = person(this.seed, h(2) % 1000, this.domain);
    const success = h(3) % 9 !== 0;
    const ts = this.timestamp(i);
    return {
      '@version': '1',
      id: hex(20, this.seed, Stream.event, i, 4),
      timestamp: new Date(ts).toISOString(),
      event_type: pick(EVENT_TYPES[service] as string[], this.seed, Stream.event, i, 5),
      service,
      organization: this.orgId,
      success,
      client_ip: `203.0.113.${(h(6) % 254) + 1}`,
      initiated_by: {
        id: objectId(this.seed, Stream.user, h(2) % 1000),
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
      ...(service === 'sso'
        ? {
            application: {
              name: pick(['slack', 'github', 'zoom'], this.seed, i, 10),
              display_label: 'SSO app',
            },
          }
        : {}),
      ...(success ? {} : { error_message: 'Invalid credentials' }),
    };
  }
}
