// What the Kandji readers of one connection share: the connector, its users by email and legacy
// id (a device names its user by neither UUID nor anything `users.list()` gives), and the devices
// read (Prism rows merge into them; a row of an unknown device is dropped).
import type { Connector } from '@org/connector-core';
import { accessor, type SignalOption, text } from '../common.js';

/** Kandji reads 300 items a page. */
export const PAGE = 300;

export interface List<T> {
  list(o?: SignalOption): AsyncIterable<T>;
}

/** One Kandji connection being read. */
export class KandjiRead {
  readonly byEmail = new Map<string, string>();
  readonly byLegacy = new Map<string, string>();
  /** Device ids read by `devices`, in order. */
  readonly deviceIds: string[] = [];

  constructor(readonly connector: Connector) {}

  static tenantOf(connector: Connector): string | undefined {
    return text((connector as { tenant?: unknown }).tenant);
  }

  list<T>(name: string): List<T> {
    return accessor<List<T>>(this.connector, name);
  }

  /** The user id a device names, by UUID, email, then legacy id. */
  ownerOf(
    user:
      | { legacyId?: string | null; uuid?: string | null; email?: string | null }
      | null
      | undefined,
  ): string | undefined {
    if (!user) return undefined;
    const email = text(user.email)?.toLowerCase();
    return (
      text(user.uuid) ??
      (email ? this.byEmail.get(email) : undefined) ??
      (user.legacyId ? this.byLegacy.get(user.legacyId) : undefined)
    );
  }
}
