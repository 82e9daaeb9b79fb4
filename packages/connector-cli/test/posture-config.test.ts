// Tuning posture from files and options: list-checks, check selection, thresholds and baselines,
// the opt-in reads that let the last three checks be judged, and one line for every mistake in a
// config or mutelist file.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultChecks } from '@org/connector-posture';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from './helpers/run.js';
import { startTenants, type Tenants } from './helpers/tenants.js';

let t: Tenants;
beforeAll(async () => {
  t = await startTenants(10);
});
afterAll(() => t?.close());

const opts = () => ({ env: t.env, cwd: t.dir });

interface Report {
  checks: Array<{ id: string; severity: string }>;
  findings: Array<{ checkId: string; evidence: { fields: Record<string, unknown> } }>;
  notEvaluated: Array<{ checkId: string; connection?: string }>;
  checkOptions: Record<string, Record<string, unknown>>;
}

const posture = async (args: string[]) => {
  const r = await run(['posture', '--json', '-q', ...args], opts());
  return { ...r, report: JSON.parse(r.stdout) as Report };
};

describe('list-checks', () => {
  it('lists every check with its severity, frameworks and what it reads', async () => {
    const r = await run(['list-checks']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${defaultChecks.length} checks$`, 'm'));
    expect(r.stdout).toMatch(
      /^jumpcloud\.admin\.mfa_disabled +critical +Administrator without MFA$/m,
    );
    expect(r.stdout).toMatch(
      /^ +frameworks: CIS Controls v8 6\.5, SOC 2 CC6\.1, ISO\/IEC 27001:2022 A\.8\.5$/m,
    );
    expect(r.stdout).toMatch(/^ +reads: administrators \(enableMultiFactor, totpEnrolled\)$/m);
    const json = JSON.parse(
      (await run(['list-checks', '--json', '--severity', 'critical'])).stdout,
    ) as {
      checks: Array<{ id: string; options: unknown }>;
    };
    expect(json.checks.map((c) => c.id)).toEqual([
      'jumpcloud.admin.mfa_disabled',
      'okta.admin.mfa_not_enrolled',
    ]);
    const soc2 = JSON.parse(
      (await run(['list-checks', '--json', '--compliance', 'soc2'])).stdout,
    ) as {
      checks: Array<{ frameworks: string[] }>;
    };
    expect(soc2.checks.every((c) => c.frameworks.some((f) => f.startsWith('SOC 2 ')))).toBe(true);
  });
});

describe('choosing checks', () => {
  it('runs only the checks, severities and framework asked for', async () => {
    const { code, report } = await posture([
      '--checks',
      'kandji.*,hexnode.device.stale',
      '--severity',
      'high,medium',
    ]);
    expect(code).toBe(0);
    expect(report.checks.every((c) => /^kandji\.|^hexnode\.device\.stale$/.test(c.id))).toBe(true);
    expect(new Set(report.checks.map((c) => c.severity))).toEqual(new Set(['high', 'medium']));
    const iso = await posture(['--compliance', 'ISO/IEC 27001:2022', '--only', 'kandji-main']);
    expect(iso.report.checks.length).toBeGreaterThan(0);
  });

  it('refuses a check, severity or framework that does not exist, in one line', async () => {
    const typo = await run(['posture', '--checks', 'jumpcloud.user.mfa'], opts());
    expect(typo).toMatchObject({
      code: 2,
      stderr:
        'connector-kit: no check matches "jumpcloud.user.mfa": see connector-kit list-checks for the checks, their severities and frameworks\n',
    });
    expect((await run(['posture', '--severity', 'urgent'], opts())).stderr).toBe(
      "connector-kit: option '--severity <levels>' argument 'urgent' is invalid. \"urgent\" is not a severity: use critical, high, medium, low, informational (see connector-kit --help)\n",
    );
    expect((await run(['posture', '--compliance', 'pci'], opts())).stderr).toBe(
      'connector-kit: unknown framework "pci": use one of CIS Controls v8, SOC 2, ISO/IEC 27001:2022: see connector-kit list-checks for the checks, their severities and frameworks\n',
    );
  });
});

describe('a config file', () => {
  it('sets thresholds and baselines, which the report states', async () => {
    await writeFile(
      join(t.dir, 'strict.yaml'),
      stringify({
        thresholds: { 'jumpcloud.admin.too_many': { maxAdministrators: 0 } },
        baselines: {
          os: { updated: '2027-01-10', source: 'our patch policy', minimum: { macOS: '99.0' } },
        },
      }),
    );
    const plain = await posture([]);
    const strict = await posture(['--config', 'strict.yaml']);
    const count = (r: Report, id: string) => r.findings.filter((f) => f.checkId === id).length;
    expect(count(plain.report, 'jumpcloud.admin.too_many')).toBe(0);
    expect(count(strict.report, 'jumpcloud.admin.too_many')).toBe(1);
    const macs = (r: Report) =>
      r.findings.filter(
        (f) => f.checkId === 'kandji.device.os_outdated' && f.evidence.fields.os === 'macOS',
      );
    // Every Mac is older than 99.0, and says so against the baseline of the file.
    expect(macs(strict.report).length).toBeGreaterThanOrEqual(macs(plain.report).length);
    expect(macs(strict.report).length).toBeGreaterThan(0);
    expect(macs(strict.report).every((f) => f.evidence.fields.minimum === '99.0')).toBe(true);
    expect(macs(plain.report).every((f) => f.evidence.fields.minimum === '15.0')).toBe(true);
    // The systems the file lists replace the shipped minimums; the others keep theirs.
    expect(strict.report.checkOptions['kandji.device.os_outdated']).toEqual({
      updated: '2027-01-10',
      source: 'our patch policy',
      minimum: {
        ...(plain.report.checkOptions['kandji.device.os_outdated']?.minimum as object),
        macOS: '99.0',
      },
    });
    expect(macs(strict.report)[0]?.evidence.fields).toMatchObject({
      baselineUpdated: '2027-01-10',
    });
  });

  it('opts in to the per-device and sign-in reads, so the last checks are judged', async () => {
    const needing = [
      'kandji.device.not_supervised',
      'hexnode.device.unencrypted',
      'hexnode.device.no_passcode',
      'jumpcloud.user.no_recent_login',
    ];
    const without = await posture([]);
    expect(needing.every((id) => without.report.notEvaluated.some((n) => n.checkId === id))).toBe(
      true,
    );
    const flags = await posture(['--device-details', '50', '--last-logins', '90']);
    expect(flags.code).toBe(0);
    expect(flags.report.notEvaluated.filter((n) => needing.includes(n.checkId))).toEqual([]);
    await writeFile(
      join(t.dir, 'reads.yaml'),
      stringify({
        reads: {
          kandji: { deviceDetails: { maxDevices: 50 } },
          hexnode: { deviceDetails: { maxDevices: 50 } },
          jumpcloud: { lastLogins: { lookbackDays: 90 } },
        },
      }),
    );
    const file = await posture(['--config', 'reads.yaml']);
    expect(file.report.notEvaluated.filter((n) => needing.includes(n.checkId))).toEqual([]);
    // A budget smaller than the fleet leaves the details incomplete: partial, and said so.
    const small = await run(
      ['posture', '--device-details', '1', '-q', '--only', 'kandji-main'],
      opts(),
    );
    expect(small.code).toBe(6);
    expect(small.stdout).toMatch(
      /kandji-main \(kandji\): INCOMPLETE \(deviceDetails\): budget: read 1 of \d+ devices: raise maxDevices to read them all \(raise --device-details to read every device, or leave it out\)/,
    );
  });

  it('names every mistake in one line: path, field, and what to do', async () => {
    const bad = async (name: string, body: unknown, flag = '--config') => {
      await writeFile(join(t.dir, name), typeof body === 'string' ? body : stringify(body));
      const r = await run(['posture', flag, name], opts());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      return r.stderr;
    };
    expect(await bad('c1.yaml', { thresholds: { 'jumpcloud.nope': { days: 1 } } })).toBe(
      'connector-kit: c1.yaml: thresholds: no check is named jumpcloud.nope: use an id from connector-kit list-checks\n',
    );
    expect(await bad('c2.yaml', { thresholds: { 'jumpcloud.system.stale': { weeks: 2 } } })).toBe(
      'connector-kit: c2.yaml: thresholds: jumpcloud.system.stale has no option weeks: its options are days\n',
    );
    expect(await bad('c3.yaml', { thresholds: { 'jumpcloud.system.stale': { days: '14' } } })).toBe(
      'connector-kit: c3.yaml: thresholds: jumpcloud.system.stale.days must be a number: write it like 30\n',
    );
    expect(await bad('c4.yaml', { failon: 'high' })).toBe(
      'connector-kit: c4.yaml: failon is not a known field: see the --config format in the connector-kit README\n',
    );
    expect(
      await bad('c5.yaml', {
        baselines: { os: { updated: '2027-01-10', minimum: { macOS: 15.1 } } },
      }),
    ).toBe(
      'connector-kit: c5.yaml: baselines.os.minimum.macOS must be a version in quotes, such as "15.10": correct that field\n',
    );
    expect(await bad('c6.yaml', 'checks: [')).toMatch(
      /^connector-kit: c6\.yaml is not valid YAML \(.+\): fix the syntax\n$/,
    );
    const entry = {
      check: 'jumpcloud.user.mfa_not_enrolled',
      reason: 'r',
      approver: 'a',
      expires: '2030-01-01',
    };
    expect(
      await bad('m1.yaml', { mutelist: [{ ...entry, approver: undefined }] }, '--mutelist'),
    ).toBe('connector-kit: m1.yaml: mutelist.0.approver is missing: correct that field\n');
    expect(
      await bad(
        'm2.yaml',
        { mutelist: [{ ...entry, id: 'typo', check: 'jumpcloud.user.mfa_not_enroled' }] },
        '--mutelist',
      ),
    ).toBe(
      'connector-kit: m2.yaml: entry 1 (typo): no check matches "jumpcloud.user.mfa_not_enroled": use a check id from connector-kit list-checks, or a pattern such as jumpcloud.user.*\n',
    );
    expect(
      await bad(
        'm3.yaml',
        { mutelist: [{ ...entry, check: undefined, connection: 'kandji-main' }] },
        '--mutelist',
      ),
    ).toBe(
      'connector-kit: m3.yaml: entry 1 names no finding, check, entity or tag: add findingId, check, entity or tags: an entry without one would hold every finding\n',
    );
    expect(
      await bad('m4.yaml', { mutelist: [{ ...entry, expires: 'next year' }] }, '--mutelist'),
    ).toBe(
      'connector-kit: m4.yaml: mutelist.0.expires must be a date such as 2026-09-01: correct that field\n',
    );
    const missing = await run(['posture', '--mutelist', 'absent.yaml'], opts());
    expect(missing.stderr).toBe(
      'connector-kit: --mutelist absent.yaml: no such file: check the path\n',
    );
  });
});
