import { ValidationError } from '../errors/errors.js';
import type { ConnectionIdentity, InvalidItem } from '../model/connector.js';
import type { FakeConnector } from '../testing/fake-connector.js';

/** Controls of {@link withSchemaDrift}. */
export interface SchemaDrift {
  /** From now on these users' items miss `email`, as if the vendor renamed the field. */
  drop(...ids: string[]): void;
  /** Their items map again. */
  restore(): void;
  /** Whether broken items still show a readable id (false: the id field drifted too). */
  idsReadable: boolean;
}

/**
 * Gives the core's fake connector what real connectors have and the poller's safety tests need:
 * an identity, and items it cannot map, handled by `onInvalidItem` like the real connectors
 * (`'fail'` throws `ValidationError`, `'skip'` reports to `onSkippedItem` and leaves them out).
 */
export function withSchemaDrift(
  connector: FakeConnector,
  identity: ConnectionIdentity = { vendor: 'fake', host: 'fake.example.com', tenant: 'acme' },
): SchemaDrift {
  Object.assign(connector, { identity });
  const broken = new Set<string>();
  const list = connector.accounts.bind(connector);
  const drift: SchemaDrift = {
    drop: (...ids) => {
      for (const id of ids) broken.add(id);
    },
    restore: () => broken.clear(),
    idsReadable: true,
  };
  connector.accounts = async function* (options) {
    let index = 0;
    for await (const account of list({ signal: options?.signal })) {
      const path = `$.users[${index++}]`;
      if (!broken.has(account.id)) {
        yield account;
        continue;
      }
      const item: InvalidItem = {
        vendor: connector.vendor,
        connection: connector.name,
        resource: 'users',
        path,
        field: 'email',
        itemId: drift.idsReadable ? account.id : undefined,
        reason: 'missing',
      };
      if (options?.onInvalidItem !== 'skip') {
        throw new ValidationError(`fake users item at ${path} has no email`, {
          vendor: connector.vendor,
          issues: [{ path: `${path}.email`, expected: 'string', received: 'undefined' }],
        });
      }
      options.onSkippedItem?.(item);
    }
  };
  return drift;
}
