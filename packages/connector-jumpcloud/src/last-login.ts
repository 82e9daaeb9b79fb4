import { PaginationError, type SaasAccount } from '@org/connector-core';
import type { AccountJoin, ConnectorRuntime } from '@org/connector-core/kit';
import * as v from 'valibot';
import type { JumpCloudConfig } from './config.js';
import { intHeader, searchAfter } from './resources/events.js';

/** Event types that record a user signing in: the User Portal, and an SSO application. */
export const JUMPCLOUD_LOGIN_EVENT_TYPES: readonly string[] = ['user_login_attempt', 'sso_auth'];
/** The Directory Insights services those events are logged under. */
const LOGIN_SERVICES = ['directory', 'sso'];
const DAY_MS = 86_400_000;

/** What the pass reads of an event; the rest of it is dropped as the page is parsed. */
const LoginEvent = v.object({
  event_type: v.string(),
  timestamp: v.string(),
  success: v.nullish(v.boolean()),
  initiated_by: v.nullish(v.object({ id: v.nullish(v.string()), type: v.nullish(v.string()) })),
});
const LoginPage = v.array(LoginEvent);
const EventCount = v.object({ count: v.number() });

/** `accounts.lastLogin` as resolved. */
type LastLoginConfig = NonNullable<JumpCloudConfig['accounts']['lastLogin']>;
type Runtime = ConnectorRuntime<JumpCloudConfig, { loginPages: number | undefined }>;

/** The query of one run: the services and the window, fixed when the run starts. */
function query(rt: Runtime, login: LastLoginConfig) {
  const end = rt.clock.now();
  return {
    service: LOGIN_SERVICES,
    start_time: new Date(end - login.lookbackDays * DAY_MS).toISOString(),
    end_time: new Date(end).toISOString(),
  };
}

/**
 * One pass over the Directory Insights events of the last `lookbackDays` (services `directory`
 * and `sso`, oldest first, paged with `search_after`), keeping for each user only the latest
 * successful sign-in (`user_login_attempt`, `sso_auth` with `success: true`, keyed by
 * `initiated_by.id`): memory is one number per user seen, whatever the number of events. Any
 * failure (a 403 for an administrator without Directory Insights, a bad page) rejects, so a run
 * fails rather than report every sign-in gone.
 */
export async function latestLogins(
  rt: Runtime,
  login: LastLoginConfig,
  signal: AbortSignal | undefined,
): Promise<Map<string, Date>> {
  const insights = rt.client('insights');
  const limit = login.eventsPerRequest;
  const base = { ...query(rt, login), limit, sort: 'ASC' };
  const latest = new Map<string, number>();
  let after: unknown[] | undefined;
  let pages = 0;
  for (;;) {
    const { data, headers } = await insights.request({
      method: 'POST',
      path: 'events',
      json: after === undefined ? base : { ...base, search_after: after },
      schema: LoginPage,
      idempotent: true,
      signal,
    });
    pages++;
    for (const event of data) {
      if (event.success !== true || !JUMPCLOUD_LOGIN_EVENT_TYPES.includes(event.event_type)) {
        continue;
      }
      const id = event.initiated_by?.id;
      const type = event.initiated_by?.type;
      if (!id || (type && type !== 'user')) continue;
      const at = Date.parse(event.timestamp);
      if (Number.isNaN(at)) continue;
      if (at > (latest.get(id) ?? Number.NEGATIVE_INFINITY)) latest.set(id, at);
    }
    const count = intHeader(headers, 'x-result-count') ?? data.length;
    if (data.length === 0 || count < (intHeader(headers, 'x-limit') ?? limit)) break;
    const next = searchAfter(headers);
    if (next === undefined) break;
    if (after !== undefined && JSON.stringify(next) === JSON.stringify(after)) {
      throw new PaginationError(
        'jumpcloud POST /events: the same search_after came back twice; stopping an endless loop',
        { vendor: 'jumpcloud', endpoint: 'POST /events' },
      );
    }
    after = next;
  }
  rt.state.loginPages = pages;
  return new Map([...latest].map(([id, at]) => [id, new Date(at)]));
}

/**
 * The sign-in pass of an `accounts()` run ({@link latestLogins}): the joiner sets `lastLoginAt`
 * of each account, `undefined` when none was seen within the window.
 */
export async function readLastLogins(
  rt: Runtime,
  login: LastLoginConfig,
  signal: AbortSignal | undefined,
): Promise<AccountJoin<unknown>> {
  const latest = await latestLogins(rt, login, signal);
  return (account: SaasAccount) => {
    account.lastLoginAt = latest.get(account.id);
    return account;
  };
}

/**
 * Requests the sign-in pass of the next run costs: the last run's, or from one `POST /events/count`
 * over the same window (a page is read past every full one, so ⌊events / limit⌋ + 1); `undefined`
 * when neither is known and the budget has no windows.
 */
export async function estimateLoginPages(
  rt: Runtime,
  login: LastLoginConfig,
  signal: AbortSignal | undefined,
): Promise<number | undefined> {
  if (rt.state.loginPages !== undefined) return rt.state.loginPages;
  // As for users: a budget without windows has nothing to check, so no request is spent.
  if (rt.limiter.budget().windows.length === 0) return undefined;
  const { data } = await rt.client('insights').request({
    method: 'POST',
    path: 'events/count',
    json: query(rt, login),
    schema: EventCount,
    idempotent: true,
    signal,
  });
  return Math.floor(data.count / login.eventsPerRequest) + 1;
}
