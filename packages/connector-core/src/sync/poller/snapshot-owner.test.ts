import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/errors.js';
import type { Snapshot } from '../snapshot.js';
import { checkSnapshotOwner } from './snapshot-owner.js';

const identity = { vendor: 'fake', host: 'Acme.example.com', tenant: 't1' };
const snapshot = (o: Partial<Snapshot> = {}): Snapshot => ({
  connection: 'acme',
  vendor: 'fake',
  identity,
  takenAt: new Date(0),
  accounts: new Map(),
  ...o,
});

describe('checkSnapshotOwner', () => {
  it('accepts no snapshot, its own (host case aside) and one written before identities existed', () => {
    const connector = { vendor: 'fake', identity: { ...identity, host: 'acme.example.com' } };
    expect(() => checkSnapshotOwner(undefined, connector, 'acme')).not.toThrow();
    expect(() => checkSnapshotOwner(snapshot(), connector, 'acme')).not.toThrow();
    expect(() =>
      checkSnapshotOwner(snapshot({ identity: undefined }), connector, 'acme'),
    ).not.toThrow();
  });

  it('refuses another vendor or another tenant, naming both', () => {
    expect(() => checkSnapshotOwner(snapshot(), { vendor: 'other' }, 'acme')).toThrow(
      /belongs to fake, not other/,
    );
    const other = { vendor: 'fake', identity: { ...identity, tenant: 't2' } };
    expect(() => checkSnapshotOwner(snapshot(), other, 'acme')).toThrow(ConfigError);
    expect(() => checkSnapshotOwner(snapshot(), other, 'acme')).toThrow(/tenant t1, not .* t2/);
  });
});
