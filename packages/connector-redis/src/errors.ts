import { ConfigError, ConnectorError, StoreError } from '@org/connector-core';
import { checkOptionKeys, type OptionKeys } from '@org/connector-core/kit';

/**
 * Replies that no retry can cure: a person must fix the credentials, the ACL, the server's memory
 * or the deployment (keys of one call in two cluster slots).
 */
const NEEDS_A_PERSON = /^(NOAUTH|WRONGPASS|NOPERM|OOM|CROSSSLOT|ERR unknown command)/;

/**
 * Turns a Redis client failure into a `StoreError` naming the operation and key. An outage (refused
 * or dropped connection, a server loading or failing over, a timeout) is retryable with no
 * `userAction`; a reply only a person can cure (a wrong password, a missing ACL permission, the
 * server out of memory) carries `userAction: 'fix_config'`. The client's options (which may hold a
 * password) are never part of the message: only the server's reply or the socket error is.
 */
export function storeError(operation: string, key: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const needsPerson = NEEDS_A_PERSON.test(reason);
  return new StoreError(`Redis ${operation} failed for ${key}: ${reason}`, {
    location: key,
    ...(needsPerson ? { userAction: 'fix_config' as const } : {}),
  });
}

/**
 * Checks the options a store factory was given, at construction: a missing or misspelled `redis`
 * client, or any option name the factory does not know (at any depth, with the name it most
 * likely meant), is a `ConfigError` now, not a failure on the first call.
 */
export function checkStoreOptions(factory: string, options: unknown, keys: OptionKeys): void {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(
      `${factory}: pass options with a \`redis\` client ({ redis: new Redis(url) })`,
    );
  }
  checkOptionKeys(factory, options, keys);
  const client = (options as { redis?: unknown }).redis;
  const usable =
    typeof client === 'object' &&
    client !== null &&
    typeof (client as { evalsha?: unknown }).evalsha === 'function' &&
    typeof (client as { eval?: unknown }).eval === 'function';
  if (!usable) {
    throw new ConfigError(
      `${factory}: \`redis\` must be an ioredis client (new Redis(url)) or cluster (new Cluster(nodes)), got ${client === undefined ? 'nothing' : typeof client}`,
    );
  }
}
