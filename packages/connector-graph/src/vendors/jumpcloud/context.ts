// What the JumpCloud readers of one connection share: the connector, ids later reads fan out
// over, and the console links JupiterOne's integration puts on entities (`webLink`).
import type { Connector } from '@org/connector-core';
import type { ResourceReader } from '../../collect/adapter.js';
import { accessor, pagesFor, text } from '../common.js';
import type { List } from './types.js';

/** v1 and v2 lists are read 100 a page. */
export const PAGE = 100;

const CONSOLES: Record<string, string> = {
  us: 'https://console.jumpcloud.com',
  eu: 'https://console.eu.jumpcloud.com',
  in: 'https://console.in.jumpcloud.com',
};

/** One JumpCloud connection being read. */
export class JumpCloudRead {
  /** Ids of what was listed, for the reads that fan out per item. */
  readonly groupIds: string[] = [];
  readonly appIds: string[] = [];
  readonly policyIds: string[] = [];
  readonly mdmIds: string[] = [];
  readonly userIds: string[] = [];
  /** The organization read, once `organizations` has run. */
  orgId: string | undefined;

  constructor(readonly connector: Connector) {
    this.orgId = JumpCloudRead.orgOf(connector);
  }

  /** The id of the connection's account entity: the configured organization, else its name. */
  get accountId(): string {
    return JumpCloudRead.orgOf(this.connector) ?? this.connector.name;
  }

  /** The organization the connection is configured for. */
  static orgOf(connector: Connector): string | undefined {
    return text((connector as { orgId?: unknown }).orgId);
  }

  /** A link into the Admin Portal of the connection's region (`#/users/<id>/details`). */
  link(fragment: string): string {
    const region = text((this.connector as { region?: unknown }).region) ?? 'us';
    return `${CONSOLES[region] ?? CONSOLES.us}/#/${fragment}`;
  }

  list<T>(name: string): List<T> {
    return accessor<List<T>>(this.connector, name);
  }

  /** A reader of one listing, costing a call per page of what it listed last time. */
  listing(name: string, read: ResourceReader['read'], extra: Partial<ResourceReader> = {}) {
    return {
      name,
      estimate: ({ items }: { items(r: string): number | undefined }) =>
        pagesFor(items(name), PAGE),
      read,
      ...extra,
    } satisfies ResourceReader;
  }
}
