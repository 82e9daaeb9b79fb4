import type { UserAction } from '@org/connector-core';

/** A failure of one connection, as printed and as `--json` reports it. No secrets. */
export interface ErrorSummary {
  /** The connector error's code (`authentication`, `permission`, `network`...), or `unknown`. */
  code: string;
  /** The error's message (connector messages never quote a credential). */
  message: string;
  /** What a person must do first, when the connector says. */
  userAction?: UserAction | undefined;
}

const ACTIONS: Record<UserAction, string> = {
  reconnect: 'check or re-issue the credential in the connections file',
  grant_permission: 'grant the missing permission to the credential',
  fix_config: 'correct the connection in the connections file',
  confirm_removals: 'if the removals are real, run again with a larger --max-removals',
};

/** Sums up a thrown value for output. */
export function summarizeError(error: unknown): ErrorSummary {
  const e = error as { code?: unknown; userAction?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : 'unknown';
  const userAction =
    typeof e?.userAction === 'string' && e.userAction in ACTIONS
      ? (e.userAction as UserAction)
      : undefined;
  return {
    code,
    message: error instanceof Error ? error.message : String(error),
    ...(userAction ? { userAction } : {}),
  };
}

// What to do for an error known only by its code (a resource status carries no user action).
const BY_CODE: Record<string, string> = {
  authentication: ACTIONS.reconnect,
  permission: ACTIONS.grant_permission,
  config: ACTIONS.fix_config,
  rate_limit: 'wait for the rate budget to reset, or raise the quota',
  server: "the vendor's API failed: run again later",
  network: "check the network and the connection's URL, then run again",
  timeout: 'run again; if it keeps timing out, check the network',
  budget: 'raise --device-details to read every device, or leave it out',
};

/** What a person should do about an error: from its user action, else from its code. */
export function actionFor(summary: ErrorSummary): string | undefined {
  return summary.userAction ? ACTIONS[summary.userAction] : BY_CODE[summary.code];
}

/** One line about a failed connection: `name: code: message (what to do)`. */
export function errorLine(connection: string, summary: ErrorSummary): string {
  const action = summary.userAction ? ` (${ACTIONS[summary.userAction]})` : '';
  return `${connection}: ${summary.code}: ${summary.message.replace(/\s+/g, ' ').trim()}${action}`;
}
