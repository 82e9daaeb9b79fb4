// The report's outputs on the seeded tenants: OCSF records, scores, suppressions, the diff
// between runs, partial graphs, and a host's own check.
import { collect, type GraphSnapshot } from '@org/connector-graph';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  complianceTable,
  defaultChecks,
  defineCheck,
  diffFindings,
  findingsTable,
  OCSF_VERSION,
  runPosture,
  toOcsf,
  VERSION,
} from '../src/index.js';
import { complianceFindingValidator } from './ocsf/validate.js';
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
  const validate = complianceFindingValidator();

  it('validate against OCSF 1.3.0 with 0 errors: every record of every sandbox tenant, in both layouts', () => {
    const k = keysOf(misconfigured);
    const suppressions = [
      {
        id: 'build-agent',
        entity: k.jcUser(7),
        check: 'jumpcloud.user.passwordless_sudo',
        reason: 'build agent',
        approver: 'it@acme.example',
        expires: '2026-09-01',
      },
    ];
    const runs = [
      { snapshot: misconfigured, report: runPosture(misconfigured, { suppressions }) },
      { snapshot: clean, report: runPosture(clean) },
      { snapshot: plain, report: runPosture(plain) },
    ];
    let total = 0;
    for (const { snapshot, report } of runs) {
      for (const options of [{}, { snapshot }, { snapshot, perRequirement: true }]) {
        const records = toOcsf(report, options);
        expect(records.length).toBeGreaterThan(0);
        expect(validate(records)).toEqual([]);
        total += records.length;
      }
    }
    // Hundreds of records of every kind: FAIL, suppressed FAIL, PASS and NOT_EVALUATED.
    expect(total).toBeGreaterThan(900);
  });

  it('the validator fails what OCSF 1.3.0 does not allow', () => {
    const [record] = toOcsf(runPosture(misconfigured), { snapshot: misconfigured });
    if (!record) throw new Error('no record');
    const broken = (change: (r: Record<string, unknown>) => void) => {
      const copy = structuredClone(record) as unknown as Record<string, unknown>;
      change(copy);
      return validate([copy]).map((e) => `${e.path} ${e.message}`);
    };
    expect(validate([record])).toEqual([]);
    expect(broken((r) => delete r.compliance)).toContain(
      " must have required property 'compliance'",
    );
    expect(broken((r) => Object.assign(r, { status_id: 7 })).join()).toMatch(
      /\/status_id must be equal to one of the allowed values/,
    );
    expect(broken((r) => Object.assign(r, { status: 'Open' })).join()).toMatch(
      /\/status must be equal to constant/,
    );
    expect(broken((r) => Object.assign(r, { type_uid: 200302 })).join()).toMatch(
      /\/type_uid must be equal to constant/,
    );
    expect(broken((r) => Object.assign(r, { invented: 1 })).join()).toMatch(
      /must NOT have additional properties \(invented\)/,
    );
    expect(broken((r) => Object.assign(r, { time: '2026-06-01' })).join()).toMatch(
      /\/time must be integer/,
    );
    expect(broken((r) => Object.assign(r.compliance as object, { status_id: 4 })).join()).toMatch(
      /\/compliance\/status_id must be equal to one of the allowed values/,
    );
    expect(broken((r) => delete (r.metadata as { product?: unknown }).product).join()).toMatch(
      /\/metadata must have required property 'product'/,
    );
  });

  it('say PASS, FAIL or NOT_EVALUATED with the product, tenant and named resources', () => {
    const report = runPosture(misconfigured);
    const records = toOcsf(report, { snapshot: misconfigured });
    expect(OCSF_VERSION).toBe('1.3.0');
    const k = keysOf(misconfigured);
    const admin = records.find((r) =>
      r.finding_info.uid.startsWith('jumpcloud.admin.mfa_disabled:'),
    );
    const adminEntity = misconfigured.entities.get(k.jcAdmin(1));
    expect(admin).toMatchObject({
      severity_id: 5,
      severity: 'Critical',
      status_id: 1,
      status: 'New',
      status_code: 'FAIL',
      time: EPOCH,
      metadata: {
        version: '1.3.0',
        product: { name: 'connector-kit', vendor_name: 'connector-kit', version: VERSION },
        tenant_uid: misconfigured.connections.find((c) => c.name === 'jumpcloud')?.identity?.tenant,
      },
      compliance: {
        status_id: 3,
        status: 'Fail',
        status_code: 'FAIL',
        standards: ['CIS Controls v8', 'SOC 2', 'ISO/IEC 27001:2022'],
        requirements: ['CIS Controls v8 6.5', 'SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.5'],
      },
      resources: [
        {
          uid: k.jcAdmin(1),
          name: adminEntity?.displayName,
          type: 'jumpcloud_administrator',
          group: { name: 'jumpcloud' },
        },
      ],
    });
    // One record per failing entity, per check passed on a connection, per check not evaluated.
    const passes = report.results.filter((r) => r.status === 'pass').length;
    expect(records).toHaveLength(report.findings.length + passes + report.notEvaluated.length);
    expect(records.filter((r) => r.status_code === 'PASS')).toHaveLength(passes);
    // A check not evaluated is information, never an alert: no finding status New, no severity.
    const supervised = toOcsf(runPosture(plain), { snapshot: plain }).find(
      (r) => r.finding_info.uid === 'kandji.device.not_supervised:kandji:not-evaluated',
    );
    expect(supervised).toMatchObject({
      severity_id: 1,
      severity: 'Informational',
      status_id: 99,
      status: 'Not Evaluated',
      status_code: 'NOT_EVALUATED',
      compliance: { status_id: 2, status: 'Warning', status_code: 'NOT_EVALUATED' },
      resources: [{ type: 'kandji_account' }],
    });
    expect(supervised?.status_detail).toContain('deviceDetails was not read');
    // A clean tenant is all PASS records, each about its connection's tenant.
    const cleanRecords = toOcsf(runPosture(clean), { snapshot: clean });
    expect(new Set(cleanRecords.map((r) => r.status_code))).toEqual(new Set(['PASS']));
    expect(toOcsf(runPosture(clean), { failedOnly: true })).toEqual([]);
  });

  it('with perRequirement, one record per framework requirement of the check', () => {
    const report = runPosture(misconfigured);
    const records = toOcsf(report, { snapshot: misconfigured, perRequirement: true });
    const admin = records.filter((r) =>
      r.finding_info.uid.startsWith(
        `jumpcloud.admin.mfa_disabled:${keysOf(misconfigured).jcAdmin(1)}#`,
      ),
    );
    expect(
      admin.map((r) => [r.compliance.standards, r.compliance.requirements, r.compliance.control]),
    ).toEqual([
      [['CIS Controls v8'], ['6.5'], '6.5'],
      [['SOC 2'], ['CC6.1'], 'CC6.1'],
      [['ISO/IEC 27001:2022'], ['A.8.5'], 'A.8.5'],
    ]);
    expect(admin[1]?.finding_info.title).toBe('SOC 2 CC6.1: Administrator without MFA');
    const refs = (id: string) => report.checks.find((c) => c.id === id)?.frameworks.length ?? 0;
    const expected = toOcsf(report).reduce((n, r) => n + refs(r.metadata.event_code), 0);
    expect(records).toHaveLength(expected);
  });
});

describe('tables for CSV', () => {
  it('list the same outcomes as the OCSF records, and each framework control with its checks', () => {
    const report = runPosture(misconfigured);
    const rows = findingsTable(report, { snapshot: misconfigured });
    const records = toOcsf(report, { snapshot: misconfigured });
    expect(rows.map((r) => [r.finding_uid, r.status])).toEqual(
      records.map((r) => [r.finding_info.uid, r.status_code]),
    );
    expect(rows[0]).toMatchObject({ collected_at: new Date(EPOCH).toISOString(), muted: false });
    const soc2 = complianceTable(report, 'SOC 2', { snapshot: misconfigured });
    const cc61 = soc2.filter((r) => r.control === 'CC6.1');
    expect(cc61.length).toBe(
      report.results.filter((r) =>
        report.checks
          .find((c) => c.id === r.checkId)
          ?.frameworks.some((f) => f.control === 'CC6.1'),
      ).length,
    );
    expect(new Set(cc61.map((r) => r.control_status))).toEqual(new Set(['FAIL']));
    expect(cc61[0]?.control_score).toBe(
      report.scores.frameworks['SOC 2']?.controls['CC6.1']?.score,
    );
    const cleanSoc2 = complianceTable(runPosture(clean), 'SOC 2');
    expect(new Set(cleanSoc2.map((r) => r.control_status))).toEqual(new Set(['PASS']));
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
      {
        findingId: id,
        reason: 'build agent; reviewed by IT',
        approver: 'it-lead@acme.example',
        expires: '2026-07-01T00:00:00Z',
      },
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
    expect(ocsf).toMatchObject({ status_id: 3, status: 'Suppressed', status_code: 'FAIL' });
    expect(ocsf?.unmapped.suppression).toEqual({
      reason: 'build agent; reviewed by IT',
      approver: 'it-lead@acme.example',
      expires: '2026-07-01T00:00:00.000Z',
    });
    // Past its expiry the same suppression holds nothing.
    const later = runPosture(misconfigured, {
      suppressions,
      now: new Date('2026-07-02T00:00:00Z'),
    });
    expect(later.findings.map((f) => f.id)).toContain(id);
  });

  it('match on checks, connections and entity patterns together, the first in force winning', () => {
    const k = keysOf(misconfigured);
    const report = runPosture(misconfigured, {
      suppressions: [
        {
          id: 'other-tenant',
          check: 'jumpcloud.user.*',
          connection: 'jumpcloud-eu',
          reason: 'x',
          expires: '2027-01-01',
        },
        {
          id: 'users',
          check: ['jumpcloud.user.password_*'],
          connection: 'jump*',
          reason: 'policy change under way',
          expires: '2027-01-01',
        },
        { id: 'one-system', entity: k.jcSystem(3), reason: 'lab machine', expires: '2027-01-01' },
        {
          id: 'later-same',
          check: 'jumpcloud.user.password_old',
          reason: 'never used',
          expires: '2027-01-01',
        },
      ],
    });
    const held = (rule: string) =>
      report.suppressed
        .filter((s) => s.suppression.id === rule)
        .map((s) => s.finding.checkId)
        .sort();
    expect(held('users')).toEqual([
      'jumpcloud.user.password_expired',
      'jumpcloud.user.password_never_expires',
      'jumpcloud.user.password_old',
    ]);
    // Both SSH findings are on system 3.
    expect(held('one-system')).toEqual([
      'jumpcloud.system.ssh_password_auth',
      'jumpcloud.system.ssh_root_login',
    ]);
    expect(report.suppressions.unmatched.map((s) => s.id)).toEqual(['other-tenant', 'later-same']);
  });

  it('match on the subject’s tags', () => {
    const k = keysOf(misconfigured);
    const device = misconfigured.entities.get(k.kandjiDevice(3));
    if (!device) throw new Error('no device');
    const tagged: GraphSnapshot = {
      ...misconfigured,
      entities: new Map([
        ...misconfigured.entities,
        [device._key, { ...device, 'tag.Environment': 'lab', tags: ['loaner'] }],
      ]),
    };
    const held = (tags: Record<string, string | true>) =>
      runPosture(tagged, {
        suppressions: [{ tags, reason: 'lab', expires: '2027-01-01' }],
      }).suppressed.map((s) => s.finding.evidence.entities[0]);
    expect(new Set(held({ Environment: 'lab' }))).toEqual(new Set([k.kandjiDevice(3)]));
    expect(new Set(held({ loaner: true }))).toEqual(new Set([k.kandjiDevice(3)]));
    expect(held({ Environment: 'prod' })).toEqual([]);
  });

  it('reject an expiry that is no date, an entry without a reason, and one naming nothing', () => {
    expect(() =>
      runPosture(clean, { suppressions: [{ findingId: 'x', reason: 'y', expires: 'soon' }] }),
    ).toThrow(/expires is not a date/);
    expect(() =>
      runPosture(clean, { suppressions: [{ findingId: 'x', reason: ' ', expires: '2027-01-01' }] }),
    ).toThrow(/give a reason/);
    expect(() =>
      runPosture(clean, {
        suppressions: [{ id: 'all', connection: 'kandji', reason: 'y', expires: '2027-01-01' }],
      }),
    ).toThrow(/suppression all: name a findingId, check, entity or tags/);
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
