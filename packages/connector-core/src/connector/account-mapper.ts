import { ValidationError } from '../errors/errors.js';
import type { CallOptions, InvalidItem } from '../model/connector.js';
import type { SaasAccount } from '../model/saas-account.js';
import type { Page } from '../paginate/paginate.js';

const INVALID = Symbol('invalid field');

/** What an account mapper returns for an item whose field it cannot read (schema drift). */
export interface InvalidField {
  readonly [INVALID]: true;
  /** The field, such as `email`. */
  readonly field: string;
  /** What was wrong, such as `is missing`. Never the value. */
  readonly reason: string;
  /** What the field should have been, such as `string or null`. */
  readonly expected: string;
  /** The kind of value found (`undefined`, `number`), never the value. */
  readonly received: string;
}

/**
 * Marks an item as unmappable: `onInvalidItem` decides whether the run fails or skips it. Return
 * `undefined` instead for an item that is rightly no account (Hexnode's "Default User").
 */
export function invalidField(field: string, value: unknown, expected: string): InvalidField {
  const received = value === null ? 'null' : typeof value;
  const reason = value === undefined ? 'is missing' : `is ${received}, expected ${expected}`;
  return { [INVALID]: true, field, reason, expected, received };
}

/**
 * The email an account is keyed by, from a vendor's `email` field: lowercased and trimmed;
 * `undefined` when it is `null` or empty (the user is rightly no account: an empty email would
 * collide with every other one wherever accounts are matched by email); an {@link InvalidField}
 * when the field is absent altogether, which means the vendor's response changed shape.
 */
export function accountEmail(value: string | null | undefined): string | InvalidField | undefined {
  if (value === undefined) return invalidField('email', value, 'string or null');
  return value?.trim().toLowerCase() || undefined;
}

function isInvalid(value: unknown): value is InvalidField {
  return typeof value === 'object' && value !== null && INVALID in value;
}

/** Turns one vendor item into an account, `undefined` (no account) or an {@link InvalidField}. */
export type AccountMap<Item> = (
  item: Item,
  connection: string,
) => SaasAccount | InvalidField | undefined;

/**
 * Adds to an account what its item alone cannot say (a last sign-in read from an activity log),
 * before it is yielded; returns the account (changed in place or a new one).
 */
export type AccountJoin<Item> = (account: SaasAccount, item: Item) => SaasAccount;

/** What {@link mapAccounts} needs to name an invalid item. */
export interface AccountSource<Item> {
  /** Vendor id. */
  vendor: string;
  /** Vendor name as people write it. */
  label: string;
  /** Name of the connection. */
  connection: string;
  /** Resource the items come from, such as `users`. */
  resource: string;
  /** JSON path of the items inside a page (`$.results`). */
  itemsPath: string;
  /** Vendor id of an item, when it has one. */
  id?: ((item: Item) => string) | undefined;
  /**
   * Awaited once, before the first page is requested: a per-run pass (an activity log read) whose
   * joiner then completes every account. Its failure fails the run before any account is yielded.
   */
  prepare?: (() => Promise<AccountJoin<Item> | undefined>) | undefined;
  /** Called when a page is done (cost bookkeeping). */
  onPage?: (() => void) | undefined;
  /** Called once every page is done (not when the run fails or stops early). */
  onDone?: (() => void) | undefined;
}

/**
 * Maps pages of vendor items to accounts, honouring `onInvalidItem`: `'fail'` (default) throws a
 * `ValidationError` naming vendor, field and item path; `'skip'` reports each item to
 * `onSkippedItem` and goes on.
 */
export async function* mapAccounts<Item>(
  pages: AsyncIterable<Page<Item>>,
  map: AccountMap<Item>,
  source: AccountSource<Item>,
  options: CallOptions,
): AsyncGenerator<SaasAccount> {
  const join = source.prepare ? await source.prepare() : undefined;
  for await (const page of pages) {
    const items = page.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Item;
      const result = map(item, source.connection);
      if (!isInvalid(result)) {
        if (result) yield join ? join(result, item) : result;
        continue;
      }
      const invalid: InvalidItem = {
        vendor: source.vendor,
        connection: source.connection,
        resource: source.resource,
        path: `${source.itemsPath}[${i}]`,
        field: result.field,
        itemId: safeId(source.id, item),
        reason: result.reason,
      };
      if (options.onInvalidItem === 'skip') {
        options.onSkippedItem?.(invalid);
        continue;
      }
      throw new ValidationError(
        `${source.label} ${source.resource}: ${result.field} ${result.reason} at ${invalid.path} of page ${page.index + 1}; the vendor's response changed shape. Pass onInvalidItem: 'skip' to leave such items out`,
        {
          vendor: source.vendor,
          issues: [
            {
              path: `${invalid.path}.${result.field}`,
              expected: result.expected,
              received: result.received,
            },
          ],
        },
      );
    }
    source.onPage?.();
  }
  source.onDone?.();
}

function safeId<Item>(id: ((item: Item) => string) | undefined, item: Item): string | undefined {
  try {
    return id?.(item);
  } catch {
    return undefined;
  }
}
