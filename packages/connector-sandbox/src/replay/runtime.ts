import type { Recording } from '../record/format.js';
import type { Reply, SandboxRequest } from '../server/types.js';
import type { SandboxVendor, VendorContext, VendorRuntime } from '../server/vendor.js';
import { RecordedAnswers } from './answers.js';
import { RecordedUsers } from './users.js';

/** What the vendor answers before any data: a redirect, no or a wrong credential, no permission, a method, a limit. */
const GATES = new Set([301, 302, 401, 403, 405, 429]);
/** Response headers that tell the replay's own rate-limit state, not the recorded one. */
const LIVE = /rate-?limit|retry-after/i;

/** An empty tenant of the vendor: its credentials, auth, limits and error shapes, no data. */
const EMPTY = {
  users: 0,
  groups: 0,
  devices: 0,
  policies: 0,
  apps: 0,
  admins: 0,
  events: 0,
  orgs: 1,
};

/**
 * A vendor runtime that answers from a recording: the vendor's own sandbox, emptied, stands at
 * the door (credentials, permissions, rate limits, token endpoints, error and fault shapes), and
 * behind it the recorded answers: the users list re-paged from the recorded users (see
 * {@link RecordedUsers}), every other request answered as it was recorded for the same request.
 * A request the recording holds no answer to gets a 404 saying so.
 */
export function replayRuntime<C>(
  recording: Recording,
  definition: SandboxVendor<C>,
  ctx: VendorContext,
): VendorRuntime<C> {
  const model = definition.create({ ...ctx, size: EMPTY });
  const { entries } = recording.log;
  const answers = new RecordedAnswers(entries);
  const users = new RecordedUsers(entries, definition.facts, ctx.orders);
  const tokenRoutes = model.routes.filter((r) => r.token);

  const handle = async (req: SandboxRequest): Promise<Reply> => {
    const door = await model.handle(req);
    if (GATES.has(door.status) || tokenRoutes.some((r) => r.pattern.test(req.url.pathname)))
      return door;
    const answer = users.handles(req) ? users.page(req, door) : answers.find(req);
    if (!answer) {
      return {
        status: 404,
        json: {
          message: `the recording holds no answer to ${req.method} ${req.url.pathname}${req.url.search}`,
        },
      };
    }
    const live = Object.entries(door.headers ?? {}).filter(([name]) => LIVE.test(name));
    return live.length === 0
      ? answer
      : { ...answer, headers: { ...answer.headers, ...Object.fromEntries(live) } };
  };

  return {
    credentials: model.credentials,
    routes: model.routes,
    handle,
    faultReply: (spec, req) => model.faultReply(spec, req),
    addCredential: (o) => model.addCredential(o),
    revokeCredential: (secret) => model.revokeCredential(secret),
    addUsers: (n) => users.add(n),
    users: () => users.users(),
    removeUsers: (ids) => users.remove(ids),
    updateUser: (id, patch) => users.update(id, patch),
    setLimits: (limits) => model.setLimits(limits),
    ...(model.expireTokens ? { expireTokens: () => model.expireTokens?.() } : {}),
  };
}
