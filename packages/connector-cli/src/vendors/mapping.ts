import type { Connector, EventHandler } from '@org/connector-core';

/** What the command adds to every connector, whatever its vendor. */
export interface ConnectExtras {
  /** Receives the connector's request, response, retry and page events. */
  onEvent?: EventHandler | undefined;
  /** Sends the connector's requests (`connector-kit record` records them). */
  fetch?: typeof fetch | undefined;
}

import type * as v from 'valibot';

/**
 * How one vendor's entries of a connections file become a connector: which fields hold secrets
 * (they must be `{ env: NAME }` references), the schema of the entry once its references are read,
 * and the call to `create<Vendor>Connector`. One small file per vendor holds it, so a renamed
 * connector option changes one line.
 */
export interface VendorMapping<TSettings extends { name: string; vendor: string }> {
  /** The `vendor` value of the entries, such as `hexnode`. */
  readonly vendor: string;
  /** Dotted paths of the fields that hold secrets. */
  readonly secrets: readonly string[];
  /** The entry's fields once its environment references are read. */
  readonly settings: v.GenericSchema<unknown, TSettings>;
  /** Makes the connector. Throws the connector's `ConfigError` for a value it rejects. */
  connect(settings: TSettings, extras: ConnectExtras): Connector;
}

/** A mapping whose settings type no longer matters, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry is indexed by a vendor name read at run time
export type AnyVendorMapping = VendorMapping<any>;
