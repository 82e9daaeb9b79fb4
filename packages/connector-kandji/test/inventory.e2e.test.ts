import { PermissionError } from '@org/connector-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKandjiUserIndex, prismUserRef } from '../src/join.js';
import { kandjiSandbox } from './helpers/sandbox.js';

// 700 devices: Prism categories with one row per device take 3 pages of 300; apps take more.
const USERS = 400;
const DEVICES = 700;
const pages = (rows: number, per = 300) => Math.max(1, Math.ceil(rows / per));

describe('Kandji sandbox: inventory (Prism, details, apps, blueprints, vulnerabilities)', () => {
  let env: Awaited<ReturnType<typeof kandjiSandbox>>;
  beforeAll(async () => {
    env = await kandjiSandbox({ size: { users: USERS, devices: DEVICES } });
  });
  afterAll(() => env.close());
  const byPath = (path: string) => env.sandbox.control.counters().byPath[path] ?? 0;

  it('reads Device information for every device, 300 rows a request, agreeing with /devices', async () => {
    const { kandji, run } = env.connect();
    const before = byPath('/api/v1/prism/device_information');
    const rows = await run(kandji.deviceInformation.list().toArray());
    expect(byPath('/api/v1/prism/device_information') - before).toBe(pages(DEVICES));
    expect(rows).toHaveLength(DEVICES);
    expect(new Set(rows.map((r) => r.device_id)).size).toBe(DEVICES);
    const devices = new Map(
      (await run(kandji.devices.list().toArray())).map((d) => [d.device_id, d]),
    );
    for (const r of rows) {
      const d = devices.get(r.device_id);
      expect(r.serial_number).toBe(d?.serial_number);
      expect(r.os_version).toBe(d?.os_version);
      expect(r.last_checkin).toBeInstanceOf(Date);
      // The user is named by its legacy id, as on /devices.
      expect(r.device__user_id).toBe(d?.user?.legacyId ?? null);
    }
  });

  it('pages the categories without a total (FileVault) by short page, and joins rows to users by email', async () => {
    const { kandji, run } = env.connect();
    const count = await run(kandji.prismCount('filevault'));
    expect(count.approximate).toBe(false);
    expect(count.count).toBeGreaterThan(300); // Macs only, but more than one page
    const before = byPath('/api/v1/prism/filevault');
    const rows = await run(kandji.filevault.list().toArray());
    expect(rows).toHaveLength(count.count);
    // No total: the last page is the first short one (one more when the count is a multiple).
    expect(byPath('/api/v1/prism/filevault') - before).toBe(Math.floor(count.count / 300) + 1);
    expect(rows.every((r) => r.device__family === 'Mac')).toBe(true);
    expect(rows.some((r) => r.status === false)).toBe(true);
    expect(rows.some((r) => r.status === true && r.key_escrowed === true)).toBe(true);

    const users = createKandjiUserIndex(await run(kandji.users.list().toArray()));
    const assigned = rows.filter((r) => r.device__user_id !== null);
    expect(assigned.length).toBeGreaterThan(0);
    for (const r of assigned) {
      const found = users.find(prismUserRef(r));
      expect(found?.by).toBe('email');
      expect(found?.user.deprecated_user_id).toBe(r.device__user_id);
    }
  });

  it('reads every other Prism category in full, with its shapes', async () => {
    const { kandji, run } = env.connect();
    const [lock, apps, profiles, local, gatekeeper, firewall] = await run(
      Promise.all([
        kandji.activationLock.list().toArray(),
        kandji.apps.list().toArray(),
        kandji.installedProfiles.list().toArray(),
        kandji.localUsers.list().toArray(),
        kandji.gatekeeperAndXprotect.list().toArray(),
        kandji.applicationFirewall.list().toArray(),
      ]),
    );
    expect(lock).toHaveLength(DEVICES);
    expect(lock.some((r) => r.user_activation_lock_enabled === true)).toBe(true);
    for (const [category, rows] of [
      ['apps', apps],
      ['installed_profiles', profiles],
      ['local_users', local],
      ['gatekeeper_and_xprotect', gatekeeper],
      ['application_firewall', firewall],
    ] as const) {
      expect((await run(kandji.prismCount(category))).count).toBe(rows.length);
    }
    expect(apps.length).toBeGreaterThan(DEVICES * 2);
    expect(apps[0]).toMatchObject({ name: expect.any(String), bundle_id: expect.any(String) });
    expect(profiles[0]?.profile_data[0]?.type).toMatch(/^com\.apple\./);
    expect(local.some((u) => u.type === 'Admin' && u.uid === 501)).toBe(true);
    expect(gatekeeper.every((r) => typeof r.gatekeeper_status === 'boolean')).toBe(true);
    expect(firewall.some((r) => r.status === false)).toBe(true);
  });

  it('sends Prism filters as Kandji takes them', async () => {
    const { kandji, run, sent } = env.connect();
    const [mac] = await run(
      kandji.deviceInformation.list({ maxItems: 1, deviceFamilies: ['Mac'] }).toArray(),
    );
    const rows = await run(
      kandji.apps
        .list({ filter: { device__name: { in: [mac?.device__name] } }, deviceFamilies: ['Mac'] })
        .toArray(),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.device__name === mac?.device__name)).toBe(true);
    const url = new URL(String(sent.at(-1)?.url));
    expect(url.searchParams.get('device_families')).toBe('Mac');
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual({
      device__name: { in: [mac?.device__name] },
    });
  });

  it('reads one device: details (text booleans read as booleans) and apps, one request each', async () => {
    const { kandji, run } = env.connect();
    const [device] = await run(
      kandji.devices.list({ filters: { platform: 'Mac' }, maxItems: 1 }).toArray(),
    );
    const id = device?.device_id ?? '';
    const details = await run(kandji.deviceDetails(id));
    expect(details.general?.device_id).toBe(id);
    expect(typeof details.mdm?.supervised).toBe('boolean');
    expect(typeof details.kandji_agent?.agent_installed).toBe('boolean');
    const [row] = await run(
      kandji.filevault.list({ filter: { device_id: { in: [id] } } }).toArray(),
    );
    expect(details.filevault?.filevault_enabled).toBe(row?.status);
    const apps = await run(kandji.devices.apps(id).toArray());
    expect(apps.length).toBeGreaterThan(1);
    expect(typeof apps[0]?.bundle_size).toBe('number');
    expect(typeof apps[0]?.app_store_vendable).toBe('boolean');
    await expect(run(kandji.deviceDetails('../users'))).rejects.toThrow(TypeError);
  });

  it('lists blueprints with device counts and reads one; the enrollment code is not kept', async () => {
    const { kandji, run } = env.connect();
    const blueprints = await run(kandji.blueprints.list().toArray());
    expect(blueprints).toHaveLength(3);
    const devices = await run(kandji.devices.list().toArray());
    for (const b of blueprints) {
      expect(b.computers_count).toBe(devices.filter((d) => d.blueprint_id === b.id).length);
      expect(b.enrollment_code).not.toHaveProperty('code');
    }
    const small = await run(kandji.blueprints.list({ limit: 2 }).toArray());
    expect(small.map((b) => b.id)).toEqual(blueprints.map((b) => b.id));
    const one = await run(kandji.blueprints.get(blueprints[0]?.id ?? ''));
    expect(one.name).toBe(blueprints[0]?.name);
  });

  it('reads vulnerability detections through their after cursor', async () => {
    const { kandji, run, sent } = env.connect();
    const all = await run(kandji.vulnerabilityDetections.list({ size: 50 }).toArray());
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all.map((d) => `${d.device_id}|${d.cve_id}`)).size).toBe(all.length);
    expect(all[0]?.first_detection_date).toBeInstanceOf(Date);
    const requests = sent.filter((r) => String(r.url).includes('/detections'));
    expect(requests).toHaveLength(pages(all.length, 50));
    expect(new URL(String(requests[1]?.url)).searchParams.get('after')).toBeTruthy();
    const high = await run(
      kandji.vulnerabilityDetections
        .list({ filter: { cvss_severity: { in: ['High'] } } })
        .toArray(),
    );
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((d) => d.cvss_severity === 'High')).toBe(true);
  });

  it('answers 403 naming the permission for a token without it, on every new resource', async () => {
    const credentials = env.sandbox.control.addCredential({ permissions: ['Users › List users'] });
    const { kandji, run } = env.connect(credentials);
    const [device] = await run(env.connect().kandji.devices.list({ maxItems: 1 }).toArray());
    const id = device?.device_id ?? '';
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['Prism › Device information', () => kandji.deviceInformation.list().toArray()],
      ['Prism › FileVault', () => kandji.filevault.list().toArray()],
      ['Prism › Activation lock', () => kandji.activationLock.list().toArray()],
      ['Prism › Applications', () => kandji.apps.list().toArray()],
      ['Prism › Installed profiles', () => kandji.installedProfiles.list().toArray()],
      ['Prism › Local users', () => kandji.localUsers.list().toArray()],
      ['Prism › Gatekeeper and XProtect', () => kandji.gatekeeperAndXprotect.list().toArray()],
      ['Prism › Application firewall', () => kandji.applicationFirewall.list().toArray()],
      ['Prism › Count', () => kandji.prismCount('apps')],
      ['Devices › Get device details', () => kandji.deviceDetails(id)],
      ['Devices › Get device apps', () => kandji.devices.apps(id).toArray()],
      ['Blueprints › List blueprints', () => kandji.blueprints.list().toArray()],
      ['Vulnerabilities › List detections', () => kandji.vulnerabilityDetections.list().toArray()],
    ];
    for (const [permission, call] of calls) {
      const error = await run(call()).catch((e: unknown) => e);
      expect(error, permission).toBeInstanceOf(PermissionError);
      expect((error as PermissionError).permission).toBe(permission);
    }
  });

  it('costs what the README says a full read of everything costs', async () => {
    const { kandji, run } = env.connect();
    const count = async (c: Parameters<typeof kandji.prismCount>[0]) =>
      (await run(kandji.prismCount(c))).count;
    const [K, A, P, L] = [
      await count('filevault'),
      await count('apps'),
      await count('installed_profiles'),
      await count('local_users'),
    ];
    const B = (await run(kandji.blueprints.list().toArray())).length;
    const V = (await run(kandji.vulnerabilityDetections.list().toArray())).length;
    const c = (n: number) => Math.max(1, Math.ceil(n / 300));
    const noTotal = Math.floor(K / 300) + 1;
    const formula = c(USERS) + 3 * c(DEVICES) + 3 * noTotal + c(A) + c(P) + c(L) + c(B) + c(V);
    const before = env.sandbox.control.counters().requests;
    await run(
      Promise.all([
        kandji.users.list().toArray(),
        kandji.devices.list().toArray(),
        kandji.deviceInformation.list().toArray(),
        kandji.activationLock.list().toArray(),
        kandji.filevault.list().toArray(),
        kandji.gatekeeperAndXprotect.list().toArray(),
        kandji.applicationFirewall.list().toArray(),
        kandji.apps.list().toArray(),
        kandji.installedProfiles.list().toArray(),
        kandji.localUsers.list().toArray(),
        kandji.blueprints.list().toArray(),
        kandji.vulnerabilityDetections.list().toArray(),
      ]),
    );
    expect(env.sandbox.control.counters().requests - before).toBe(formula);
  });

  it('retries a Prism page through a 503 and a reset, and still reads every row once', async () => {
    const { kandji, run } = env.connect();
    const { control } = env.sandbox;
    control.fault({ kind: '503', path: '/api/v1/prism/activation_lock', after: 1, times: 1 });
    control.fault({ kind: 'reset', path: '/api/v1/prism/activation_lock', after: 2, times: 1 });
    const rows = await run(kandji.activationLock.list().toArray());
    expect(rows).toHaveLength(DEVICES);
    expect(new Set(rows.map((r) => r.device_id)).size).toBe(DEVICES);
  });
});
