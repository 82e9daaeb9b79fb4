import type { Connector, EventHandler } from '@org/connector-core';
import type { CredentialsByVendor, SandboxSize, Vendor } from '@org/connector-sandbox';
import type * as v from 'valibot';

/** What the command adds to every connector, whatever its vendor. */
export interface ConnectExtras {
  /** Receives the connector's request, response, retry and page events. */
  onEvent?: EventHandler | undefined;
  /** Sign-ins to read (days of history), for the vendors that read them separately (JumpCloud). */
  lastLoginDays?: number | undefined;
  /** Sends the connector's requests (`connector-kit record` records them). */
  fetch?: typeof fetch | undefined;
}

/** The fields of an entry besides `name` and `vendor`. */
type EntryFields<TSettings> = Omit<TSettings, 'name' | 'vendor'>;

/**
 * How one vendor's entries of a connections file become a connector: which fields hold secrets
 * (they must be `{ env: NAME }` references), the schema of the entry once its references are read,
 * the call to `create<Vendor>Connector`, and the vendor's sandbox behind `--sandbox`. One small
 * file per vendor (`src/vendors/<vendor>.ts`) holds it, registered by one line in
 * `src/vendors/registry.ts`, so a renamed connector option changes one line.
 */
export interface VendorMapping<
  TSettings extends { name: string; vendor: string },
  V extends Vendor = Vendor,
> {
  /** The `vendor` value of the entries, such as `hexnode`: the connector's and the sandbox's. */
  readonly vendor: V;
  /** The vendor's name as people write it, the start of default connection names (`Hexnode 1`). */
  readonly label: string;
  /** Dotted paths of the fields that hold secrets. */
  readonly secrets: readonly string[];
  /** The entry's fields once its environment references are read. */
  readonly settings: v.GenericSchema<unknown, TSettings>;
  /** Makes the connector. Throws the connector's `ConfigError` for a value it rejects. */
  connect(settings: TSettings, extras: ConnectExtras): Connector;
  /** The vendor's sandbox behind `--sandbox` and `connector-kit sandbox`. */
  readonly sandbox: {
    /** How big it is (the sandboxes differ a little, so each tool knows a few people the others do not). */
    readonly size: SandboxSize;
    /** The entry's fields (credentials and location) from the running sandbox's credentials. */
    entry(credentials: CredentialsByVendor[V]): EntryFields<TSettings>;
  };
}

/** A mapping whose settings type no longer matters, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry is indexed by a vendor name read at run time
export type AnyVendorMapping = VendorMapping<any, any>;
