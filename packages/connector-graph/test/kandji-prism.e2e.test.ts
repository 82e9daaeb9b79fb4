import { createKandjiConnector } from '@org/connector-kandji';
import { startSandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../src/index.js';

describe('Kandji: Prism security state in the graph', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox<'kandji'>>>;
  beforeAll(async () => {
    sandbox = await startSandbox({ vendor: 'kandji', seed: 5, size: { users: 12, devices: 40 } });
  });
  afterAll(() => sandbox.close());

  const connect = (credentials = sandbox.credentials) =>
    createKandjiConnector({ ...credentials, name: 'kandji' });

  it('merges FileVault and Activation Lock into the devices, matching Prism row for row', async () => {
    const kandji = connect();
    const snapshot = await collect([kandji]);
    expect(snapshot.complete).toBe(true);
    const devices = [...snapshot.entities.values()].filter((e) => e._type === 'kandji_device');
    expect(devices).toHaveLength(40);
    const filevault = new Map(
      (await kandji.filevault.list().toArray()).map((r) => [r.device_id, r.status]),
    );
    for (const d of devices) {
      expect(d['filevault.filevaultEnabled']).toBe(filevault.get(String(d.id)));
    }
    expect(devices.some((d) => d['filevault.filevaultEnabled'] === false)).toBe(true);
    expect(devices.some((d) => d['activationLock.userActivationLockEnabled'] === true)).toBe(true);
  });

  it('leaves only the Prism resources incomplete for a token without their permissions', async () => {
    const limited = sandbox.control.addCredential({
      permissions: ['Users › List users', 'Devices › List devices'],
    });
    const snapshot = await collect([connect(limited)]);
    const status = Object.fromEntries(snapshot.resources.map((r) => [r.source, r]));
    expect(status['kandji/users']?.complete).toBe(true);
    expect(status['kandji/devices']?.complete).toBe(true);
    expect(status['kandji/filevault']?.complete).toBe(false);
    expect(status['kandji/filevault']?.error?.code).toBe('permission');
    expect(status['kandji/activationLock']?.complete).toBe(false);
    const devices = [...snapshot.entities.values()].filter((e) => e._type === 'kandji_device');
    expect(devices).toHaveLength(40);
    expect(devices.every((d) => d['filevault.filevaultEnabled'] === undefined)).toBe(true);
  });
});
