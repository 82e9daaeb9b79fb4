import type { UserAction } from '../../errors/connector-error.js';

const USER_ACTIONS: ReadonlySet<unknown> = new Set<UserAction>([
  'reconnect',
  'grant_permission',
  'fix_config',
  'confirm_removals',
]);

/** The `userAction` of a failure, by shape, so errors from another copy of the core count too. */
export function userActionOf(error: unknown): UserAction | undefined {
  const action = (error as { userAction?: unknown } | null)?.userAction;
  return USER_ACTIONS.has(action) ? (action as UserAction) : undefined;
}
