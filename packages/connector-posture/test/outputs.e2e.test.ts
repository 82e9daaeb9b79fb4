// The report's outputs on the seeded tenants: OCSF records, scores, suppressions, the diff
// between runs, partial graphs, and a host's own check.
import { collect, type GraphSnapshot } from '@org/connector-graph';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultChecks,
  defineCheck,
  diffFindings,
  OCSF_VERSION,
  runPosture,
  toOcsf,
} from '../src/index.js';
import { collectTenant, connectorsOf, EPOCH, startTenant } from './sandboxes.js';
import { keysOf } from './tenant-keys.js';

let misconfigured: GraphSnapshot;
let clean: GraphSnapshot;
/** The misconfigured tenant read without the opt-in per-device details. */
let plain: GraphSnapshot;

beforeAll(async () => {
  const [bad, good] = await Promise.all([startTenant('misconfigured'), startTenant('clean')]);
  try {
    [misconfigured, clean, plain] = await Promise.all([
      collectTenant(bad),
      collectTenant(good),
      collect(connectorsOf(bad), { now: () => EPOCH }),
    ]);
  } finally {
    await Promise.all([bad.close(), good.close()]);
  }
});

/** The snapshot with one resource marked incomplete, as a failed read leaves it. */
function withIncomplete(snapshot: GraphSnapshot, source: string): GraphSnapshot {
  return {
    ...snapshot,
    complete: false,
    resources: snapshot.resources.map((r) =>
      r.source === source
        ? {
            ...r,
            complete: false,
            error: { code: 'permission', message: 'Missing scope: systems' },
          }
        : r,
    ),
  };
}

describe('OCSF Compliance Finding records', () => {
  // Required attributes of the Compliance Finding class (class_uid 2003) in OCSF 1.3.0: those of
  // base_event (category_uid, class_uid, metadata, severity_id, time, type_uid), finding
  // (activity_id, finding_info) and compliance_finding (compliance); and inside them the required
  // attributes of the objects: metadata (product, version), finding_info (uid; title was required
  // before 1.4 and is set anyway), compliance (standards), product (vendor_name).
  const REQUIRED = [
    'activity_id',
    'category_uid',
    'class_uid',
    'compliance',
    'finding_info',
    'metadata',
    'severity_id',
    'time',
    'type_uid',
  ];
  const REQUIRED_NESTED = [
    'metadata.product',
    'metadata.version',
    'metadata.product.vendor_name',
    'finding_info.uid',
    'finding_info.title',
    'compliance.standards',
  ];
  const at = (record: object, path: string) =>
    path
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], record);

  it('carry every required attribute of class 2003, with the class constants', () => {
    const report = runPosture(misconfigured);
    const records = toOcsf(report);
    expect(OCSF_VERSION).toBe('1.3.0');
    expect(records).toHaveLength(report.findings.length + report.notEvaluated.length);
    for (const r of records) {
      for (const name of [...REQUIRED, ...REQUIRED_NESTED]) {
        const value = at(r, name);
        expect(value, name).not.toBeUndefined();
        expect(value, name).not.toBeNull();
      }
      expect(r.class_uid).toBe(2003);
      expect(r.category_uid).toBe(2);
      expect(r.type_uid).toBe(r.class_uid * 100 + r.activity_id);
      expect([1, 2, 3, 4, 5]).toContain(r.severity_id);
      expect(r.time).toBe(EPOCH);
      expect(r.compliance.standards.length).toBeGreaterThan(0);
    }
  });

  it('map a finding to Fail and a check not evaluated to Warning with its reason', () => {
    const records = toOcsf(runPosture(misconfigured));
    const k = keysOf(misconfigured);
    const admin = records.find((r) =>
      r.finding_info.uid.startsWith('jumpcloud.admin.mfa_disabled:'),
    );
    expect(admin).toMatchObject({
      severity_id: 5,
      severity: 'Critical',
      status_id: 1,
      compliance: {
        status_id: 3,
        status: 'Fail',
        standards: ['CIS Controls v8', 'SOC 2', 'ISO/IEC 27001:2022'],
        requirements: ['CIS Controls v8 6.5', 'SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.5'],
      },
      resources: [{ uid: k.jcAdmin(1), type: 'administrator' }],
    });
    const supervised = toOcsf(runPosture(plain)).find(
      (r) => r.finding_info.uid === 'kandji.device.not_supervised:kandji:not-evaluated',
    );
    expect(supervised?.compliance.status_id).toBe(2);
    expect(supervised?.compliance.status_detail).toContain('deviceDetails was not read');
  });
});

describe('scores', () => {
  it('per connection and per framework count passes, failures and checks not evaluated', () => {
    const report = runPosture(misconfigured);
    expect(report.scores.connections.hexnode).toEqual({
      passed: 0,
      failed: 7,
      notEvaluated: 0,
      score: 0,
    });
    expect(report.scores.connections.kandji).toEqual({
      passed: 0,
      failed: 15,
      notEvaluated: 0,
      score: 0,
    });
    // Without the opt-in device details, Hexnode's encryption and passcode and Kandji's
    // supervision are not judged: never counted as passes.
    expect(runPosture(plain).scores.connections.hexnode).toEqual({
      passed: 0,
      failed: 5,
      notEvaluated: 2,
      score: 0,
    });
    const cleanReport = runPosture(clean);
    expect(cleanReport.scores.frameworks['SOC 2']?.score).toBe(100);
    // CIS 3.6 (encryption): JumpCloud's two disk checks, Kandji's FileVault and key escrow
    // checks and Hexnode's encryption check pass.
    expect(cleanReport.scores.frameworks['CIS Controls v8']?.controls['3.6']).toEqual({
      passed: 5,
      failed: 0,
      notEvaluated: 0,
      score: 100,
    });
    // Misconfigured: each of them fails.
    expect(report.scores.frameworks['CIS Controls v8']?.controls['3.6']).toEqual({
      passed: 0,
      failed: 5,
      notEvaluated: 0,
      score: 0,
    });
  });
});

describe('suppressions', () => {
  it('hold a finding until they expire, and report lapsed and unused ones', () => {
    const k = keysOf(misconfigured);
    const id = `jumpcloud.user.passwordless_sudo:${k.jcUser(7)}`;
    const lapsedId = `jumpcloud.user.password_expired:${k.jcUser(4)}`;
    const suppressions = [
      { findingId: id, reason: 'build agent; reviewed by IT', expires: '2026-07-01T00:00:00Z' },
      { findingId: lapsedId, reason: 'leave of absence', expires: new Date(EPOCH - 1) },
      { findingId: 'jumpcloud.user.password_expired:gone', reason: 'old', expires: '2027-01-01' },
    ];
    const report = runPosture(misconfigured, { suppressions });
    expect(report.findings.map((f) => f.id)).not.toContain(id);
    expect(report.findings.map((f) => f.id)).toContain(lapsedId);
    expect(report.suppressed.map((s) => [s.finding.id, s.suppression.reason])).toEqual([
      [id, 'build agent; reviewed by IT'],
    ]);
    expect(report.suppressions.expired.map((s) => s.findingId)).toEqual([lapsedId]);
    expect(report.suppressions.unmatched.map((s) => s.findingId)).toEqual([
      'jumpcloud.user.password_expired:gone',
    ]);
    expect(
      report.results.find((r) => r.checkId === 'jumpcloud.user.passwordless_sudo'),
    ).toMatchObject({
      status: 'pass',
      findings: 0,
      suppressed: 1,
    });
    const ocsf = toOcsf(report).find((r) => r.finding_info.uid === id);
    expect(ocsf).toMatchObject({ status_id: 3, status: 'Suppressed' });
    expect(ocsf?.unmapped.suppression).toEqual({
      reason: 'build agent; reviewed by IT',
      expires: '2026-07-01T00:00:00.000Z',
    });
    // Past its expiry the same suppression holds nothing.
    const later = runPosture(misconfigured, {
      suppressions,
      now: new Date('2026-07-02T00:00:00Z'),
    });
    expect(later.findings.map((f) => f.id)).toContain(id);
  });

  it('reject an expiry that is no date', () => {
    expect(() =>
      runPosture(clean, { suppressions: [{ findingId: 'x', reason: 'y', expires: 'soon' }] }),
    ).toThrow(/expires is not a date/);
  });
});

describe('diffFindings', () => {
  it('reports new, resolved and still-open findings between runs', () => {
    const bad = runPosture(misconfigured);
    const good = runPosture(clean);
    const fixed = diffFindings(bad, good);
    expect(fixed.new).toEqual([]);
    expect(fixed.resolved.map((f) => f.id).sort()).toEqual(bad.findings.map((f) => f.id).sort());
    expect(fixed.stillOpen).toEqual([]);
    const regressed = diffFindings(good, bad);
    expect(regressed.new.map((f) => f.id).sort()).toEqual(bad.findings.map((f) => f.id).sort());
    const same = diffFindings(bad, bad);
    expect(same.new).toEqual([]);
    expect(same.resolved).toEqual([]);
    expect(same.changed).toEqual([]);
    expect(same.stillOpen).toHaveLength(bad.findings.length);
  });

  it('withholds the findings of a check that could not be judged: never resolved', () => {
    const bad = runPosture(misconfigured);
    const partial = runPosture(withIncomplete(clean, 'jumpcloud/systems'));
    const diff = diffFindings(bad, partial);
    const systemChecks = (ids: string[]) => ids.filter((id) => id.startsWith('jumpcloud.system.'));
    expect(systemChecks(diff.resolved.map((f) => f.id))).toEqual([]);
    expect(diff.withheld.map((f) => f.checkId).sort()).toEqual(
      bad.findings
        .map((f) => f.checkId)
        .filter((id) => id.startsWith('jumpcloud.system.'))
        .sort(),
    );
    expect(diff.resolved.length + diff.withheld.length).toBe(bad.findings.length);
  });

  it('names the fields of a still-open finding that changed', () => {
    const bad = runPosture(misconfigured);
    const stricter = runPosture(misconfigured, {
      checkOptions: { 'jumpcloud.admin.too_many': { maxAdministrators: 2 } },
    });
    const diff = diffFindings(bad, stricter);
    expect(diff.changed).toEqual([
      {
        id: expect.stringMatching(/^jumpcloud\.admin\.too_many:/),
        fields: ['evidence', 'message'],
      },
    ]);
  });
});

describe('a partial graph', () => {
  it('marks the checks reading an incomplete resource not evaluated, with the error', () => {
    const report = runPosture(withIncomplete(misconfigured, 'jumpcloud/systems'));
    const blocked = report.notEvaluated.filter((n) => n.code === 'incomplete');
    expect(blocked.map((n) => n.checkId).sort()).toEqual(
      defaultChecks
        .filter((c) => c.reads.some((r) => r.resource === 'systems'))
        .map((c) => c.id)
        .sort(),
    );
    expect(blocked[0]?.reason).toBe(
      'jumpcloud/systems is incomplete (permission: Missing scope: systems)',
    );
    expect(report.findings.some((f) => f.checkId.startsWith('jumpcloud.system.'))).toBe(false);
  });

  it('marks vendor checks without a connection of their vendor not evaluated', () => {
    const onlyKandji: GraphSnapshot = {
      ...clean,
      connections: clean.connections.filter((c) => c.vendor === 'kandji'),
    };
    const report = runPosture(onlyKandji);
    expect(report.notEvaluated.find((n) => n.checkId === 'hexnode.device.non_compliant')).toEqual({
      checkId: 'hexnode.device.non_compliant',
      connection: undefined,
      code: 'no_connection',
      reason: 'no hexnode connection in the graph',
    });
    expect(
      report.notEvaluated.find((n) => n.checkId === 'cross-vendor.person.device_without_directory')
        ?.code,
    ).toBe('no_connection');
  });
});

describe('host checks', () => {
  const tagged = defineCheck<{ tag: string }>({
    id: 'acme.kandji.device.untagged',
    title: 'Device without the asset tag prefix',
    severity: 'low',
    vendor: 'kandji',
    rationale: 'Finance reconciles hardware by asset tag.',
    remediation: { text: 'Set the asset tag.', console: 'Kandji › Devices › (device) › Asset tag' },
    frameworks: [{ framework: 'CIS Controls v8', control: '1.1' }],
    // Untagged devices have no `assetTag`: the serial number says the devices were read.
    reads: [{ resource: 'devices', kind: 'device', fields: ['assetTag', 'serial'] }],
    defaults: { tag: 'ASSET-' },
    evaluate: ({ entities, options }) =>
      entities('device')
        .filter((d) => !String(d.assetTag ?? '').startsWith(options.tag))
        .map((d) => ({
          entity: d._key,
          fields: { assetTag: d.assetTag },
          message: `${d.displayName} is untagged`,
        })),
  });

  it('run beside the built-in ones with their own options', () => {
    const report = runPosture(clean, { checks: [...defaultChecks, tagged] });
    const mine = report.findings.filter((f) => f.checkId === tagged.id);
    const devices = [...clean.entities.values()].filter((e) => e._type === 'kandji_device');
    const untagged = devices.filter((d) => !String(d.assetTag ?? '').startsWith('ASSET-'));
    expect(untagged.length).toBeGreaterThan(0);
    expect(mine.map((f) => f.evidence.entities[0]).sort()).toEqual(
      untagged.map((d) => d._key).sort(),
    );
    const none = runPosture(clean, {
      checks: [tagged],
      checkOptions: { [tagged.id]: { tag: '' } },
    });
    expect(none.findings).toEqual([]);
  });

  it('are refused with a duplicate id or a malformed one, and reported when they throw', () => {
    expect(() => runPosture(clean, { checks: [tagged, tagged] })).toThrow(/two checks have the id/);
    expect(() => defineCheck({ ...tagged, id: 'Bad Id' })).toThrow(/must look like/);
    const broken = defineCheck({
      ...tagged,
      id: 'acme.kandji.broken',
      evaluate: () => {
        throw new Error('boom');
      },
    });
    const report = runPosture(clean, { checks: [broken] });
    expect(report.notEvaluated).toEqual([
      {
        checkId: 'acme.kandji.broken',
        connection: 'kandji',
        code: 'error',
        reason: 'the check failed: boom',
      },
    ]);
    expect(report.results[0]?.status).toBe('not_evaluated');
  });
});
