import { PermissionError } from '@org/connector-core';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJumpCloudConnector, type JumpCloudConnector } from '../src/index.js';

// 1,500 systems: the two-rows-per-system `users` table spans three System Insights pages.
const SIZE = { users: 200, devices: 1_500, policies: 12 };

let sb: Sandbox<'jumpcloud'>;
let jc: JumpCloudConnector;
let headers: Record<string, string>;
beforeAll(async () => {
  sb = await startSandbox({ vendor: 'jumpcloud', size: SIZE, limits: false });
  const apiKey = sb.credentials;
  jc = createJumpCloudConnector(apiKey);
  headers = { 'x-api-key': sb.credentials.apiKey, 'x-org-id': sb.credentials.orgId };
});
afterAll(() => sb?.close());

/** An independent reader: one request for the whole table. */
async function table(name: string, filter?: string): Promise<Array<Record<string, unknown>>> {
  const q = new URLSearchParams({ limit: '10000', ...(filter ? { filter } : {}) });
  const res = await fetch(`${sb.url}/api/v2/systeminsights/${name}?${q}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Array<Record<string, unknown>>;
}

describe('policies with their configuration', () => {
  it('reads each policy with its values; a sensitive value is never returned', async () => {
    const policies = await jc.policies.list().toArray();
    expect(policies).toHaveLength(SIZE.policies);
    let sensitive = 0;
    for (const p of policies) {
      const detail = await jc.policies.get(p.id);
      expect(detail.template?.name).toBe(p.template?.name);
      expect(detail.values?.length).toBe(detail.configFields?.length);
      for (const value of detail.values ?? []) {
        if (value.sensitive) {
          sensitive++;
          expect('value' in value).toBe(false);
        } else expect(value.value).toEqual(expect.any(String));
      }
      expect(JSON.stringify(detail)).not.toMatch(/pw-[0-9a-f]/);
    }
    expect(sensitive).toBeGreaterThan(0); // the sandbox does send some
  });
});

describe('Apple MDM devices', () => {
  it('lists the MDM server and its devices: the Macs, with serial, OS, enrolment and supervision', async () => {
    const [mdm, ...others] = await jc.appleMdms.list().toArray();
    expect(others).toEqual([]);
    const devices = await jc.appleMdms.devices(mdm?.id ?? '').toArray();
    const macs = (await jc.systems.list().toArray()).filter((s) => s.os === 'Mac OS X');
    expect(devices.map((d) => d.serialNumber).sort()).toEqual(
      macs.map((m) => m.serialNumber).sort(),
    );
    expect(new Set(devices.map((d) => d.id)).size).toBe(devices.length);
    expect(devices.some((d) => d.deviceInformation?.isSupervised === false)).toBe(true);
    expect(devices.some((d) => d.enrolled === false)).toBe(true);
    for (const d of devices) {
      expect(d.osVersion).toMatch(/^14\./);
      expect(typeof d.securityInfo?.isActivationLockManageable).toBe('boolean');
    }
  });
});

describe('System Insights, fleet-wide', () => {
  const tables = [
    ['disk_encryption', () => jc.systemInsightsDiskEncryption.list()],
    ['bitlocker_info', () => jc.systemInsightsBitlocker.list()],
    ['os_version', () => jc.systemInsightsOsVersions.list()],
    ['apps', () => jc.systemInsightsApps.list()],
    ['programs', () => jc.systemInsightsPrograms.list()],
    ['patches', () => jc.systemInsightsPatches.list()],
    ['users', () => jc.systemInsightsUsers.list()],
    ['logged_in_users', () => jc.systemInsightsLoggedInUsers.list()],
  ] as const;

  it.each(tables)('%s: every row, paged 1,000 at a time', async (name, list) => {
    sb.control.resetCounters();
    const rows = await list().toArray();
    const requests = sb.control.counters().requests;
    const oracle = await table(name);
    expect(rows).toEqual(oracle);
    expect(rows.length).toBeGreaterThan(0);
    // Pages until a short one: no total is sent.
    expect(requests).toBe(Math.floor(oracle.length / 1_000) + 1);
  });

  it("takes the vendor's filter syntax", async () => {
    const systems = await jc.systems.list({ maxItems: 2 }).toArray();
    const ids = systems.map((s) => s._id);
    const one = await jc.systemInsightsUsers.list({ filter: `system_id:eq:${ids[0]}` }).toArray();
    expect(one.length).toBe(2);
    expect(one.every((r) => r.system_id === ids[0])).toBe(true);
    const both = await jc.systemInsightsOsVersions
      .list({ filter: `system_id:in:${ids.join('|')}` })
      .toArray();
    expect(both.map((r) => r.system_id).sort()).toEqual([...ids].sort());
  });

  it('a credential that cannot read systems gets a PermissionError naming the area', async () => {
    const usersOnly = sb.control.addCredential({ permissions: ['users'] });
    const apiKey = sb.credentials;
    const narrow = createJumpCloudConnector({ ...apiKey, apiKey: usersOnly.apiKey });
    const insights = await narrow.systemInsightsApps
      .list()
      .toArray()
      .catch((e: unknown) => e);
    expect(insights).toBeInstanceOf(PermissionError);
    expect((insights as PermissionError).permission).toBe('System Insights (read)');
    const mdm = await narrow.appleMdms
      .list()
      .toArray()
      .catch((e: unknown) => e);
    expect((mdm as PermissionError).permission).toBe('MDM (read)');
  });
});
