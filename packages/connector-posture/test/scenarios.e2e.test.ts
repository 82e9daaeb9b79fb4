// Every built-in check on both seeded tenants, end to end: sandbox → connectors → collect →
// checks. The misconfigured tenant's flaws are the sandbox's MISCONFIGURATIONS list; the clean
// tenant has none. Each check's exact finding set (subjects) is asserted on both, and each check
// whose data no connector provides is "not evaluated" on both, with its reason.
import type { GraphSnapshot } from '@org/connector-graph';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultChecks, type PostureReport, runPosture } from '../src/index.js';
import { collectTenant, startTenant } from './sandboxes.js';
import { keysOf } from './tenant-keys.js';

let misconfigured: GraphSnapshot;
let clean: GraphSnapshot;

beforeAll(async () => {
  const [bad, good] = await Promise.all([startTenant('misconfigured'), startTenant('clean')]);
  try {
    [misconfigured, clean] = await Promise.all([collectTenant(bad), collectTenant(good)]);
  } finally {
    await Promise.all([bad.close(), good.close()]);
  }
});

const subjects = (report: PostureReport) => {
  const out: Record<string, string[]> = {};
  for (const f of report.findings) {
    out[f.checkId] = [...(out[f.checkId] ?? []), f.evidence.entities[0] ?? ''];
  }
  for (const list of Object.values(out)) list.sort();
  return out;
};

/** Checks no connector can feed today, with the reason code they must report. */
const NOT_EVALUABLE: Record<string, string> = {
  'jumpcloud.org.admin_mfa_not_required': 'field_unavailable',
  'jumpcloud.org.password_policy_weak': 'field_unavailable',
  'jumpcloud.user.no_recent_login': 'field_unavailable',
  'jumpcloud.org.no_conditional_access': 'not_collected',
  'kandji.device.not_supervised': 'field_unavailable',
  'hexnode.device.unencrypted': 'field_unavailable',
  'hexnode.device.no_passcode': 'field_unavailable',
};

function expectedMisconfigured(snapshot: GraphSnapshot): Record<string, string[]> {
  const k = keysOf(snapshot);
  const sorted = (...keys: string[]) => keys.sort();
  return {
    'jumpcloud.admin.mfa_disabled': [k.jcAdmin(1)],
    'jumpcloud.admin.too_many': [k.jcAccount()],
    'jumpcloud.user.mfa_not_enrolled': [k.jcUser(1)],
    'jumpcloud.user.mfa_excluded': [k.jcUser(6)],
    // Users 2 (suspended) and 3 (staged): every user is in a group, and both are direct
    // assignees of an application (0 and 1).
    'jumpcloud.user.inactive_in_groups': sorted(k.jcUser(2), k.jcUser(3)),
    'jumpcloud.user.inactive_assigned_apps': sorted(k.jcUser(2), k.jcUser(3)),
    'jumpcloud.user.password_expired': [k.jcUser(4)],
    'jumpcloud.user.password_never_expires': [k.jcUser(5)],
    'jumpcloud.user.passwordless_sudo': [k.jcUser(7)],
    'jumpcloud.system.fde_disabled': [k.jcSystem(0)],
    'jumpcloud.system.fde_key_not_escrowed': [k.jcSystem(1)],
    'jumpcloud.system.stale': [k.jcSystem(2)],
    'jumpcloud.system.ssh_root_login': [k.jcSystem(3)],
    'jumpcloud.system.ssh_password_auth': [k.jcSystem(3)],
    'jumpcloud.system.policy_failing': [k.jcSystem(4)],
    'jumpcloud.app.idp_cert_expiring': [k.jcApp(1)],
    'jumpcloud.app.unassigned': [k.jcApp(2)],
    'kandji.device.os_outdated': [k.kandjiDevice(1)],
    'kandji.device.no_user': [k.kandjiDevice(2)],
    'kandji.device.no_blueprint': [k.kandjiDevice(3)],
    'kandji.device.agent_missing': [k.kandjiDevice(4)],
    'kandji.device.stale_checkin': [k.kandjiDevice(0)],
    // Device 5: a Mac with FileVault off under a user's Activation Lock (from Prism).
    'kandji.device.filevault_off': [k.kandjiDevice(5)],
    'kandji.device.user_activation_lock': [k.kandjiDevice(5)],
    'hexnode.device.non_compliant': [k.hexnodeDevice(0)],
    'hexnode.device.stale': [k.hexnodeDevice(1)],
    'hexnode.device.no_user': [k.hexnodeDevice(2)],
    'hexnode.device.enrollment_pending': [k.hexnodeDevice(3)],
    // Kandji user 5's email is outside the directory, and it holds Kandji device 5.
    'cross-vendor.person.device_without_directory': ['person:temp.contractor@acme.example'],
    'cross-vendor.account.unknown_to_directory': [k.kandjiUser(5)],
    // JumpCloud user 2 is suspended; its Kandji and Hexnode accounts are active.
    'cross-vendor.person.suspended_active_elsewhere': [k.person(2)],
  };
}

describe('the misconfigured tenant', () => {
  it('fails exactly the seeded misconfigurations, check by check', () => {
    const report = runPosture(misconfigured);
    expect(subjects(report)).toEqual(expectedMisconfigured(misconfigured));
  });

  it('covers every built-in check: each is expected to fail or is not evaluable', () => {
    const expected = expectedMisconfigured(misconfigured);
    for (const check of defaultChecks) {
      expect(check.id in expected || check.id in NOT_EVALUABLE, check.id).toBe(true);
    }
    expect(defaultChecks.length - Object.keys(NOT_EVALUABLE).length).toBeGreaterThanOrEqual(25);
  });

  it('carries evidence: entities, failing values, API paths and collection time', () => {
    const report = runPosture(misconfigured);
    const k = keysOf(misconfigured);
    const fde = report.findings.find((f) => f.checkId === 'jumpcloud.system.fde_disabled');
    expect(fde?.id).toBe(`jumpcloud.system.fde_disabled:${k.jcSystem(0)}`);
    expect(fde?.evidence.fields['fde.active']).toBe(false);
    expect(fde?.evidence.apiPaths).toEqual(['GET /api/systems']);
    expect(fde?.evidence.collectedAt).toBe('2026-06-01T12:00:00.000Z');
    const groups = report.findings.find(
      (f) =>
        f.checkId === 'jumpcloud.user.inactive_in_groups' && f.evidence.entities[0] === k.jcUser(2),
    );
    expect(groups?.evidence.fields).toMatchObject({
      state: 'SUSPENDED',
      suspended: true,
      groups: 1,
    });
    expect(groups?.evidence.apiPaths).toEqual([
      'GET /api/systemusers',
      'GET /api/v2/usergroups',
      'GET /api/v2/usergroups/{id}/members',
    ]);
    const stale = report.findings.find((f) => f.checkId === 'jumpcloud.system.stale');
    expect(stale?.evidence.fields.lastContact).toBe('2026-04-17T12:00:00.000Z');
    const suspended = report.findings.find(
      (f) => f.checkId === 'cross-vendor.person.suspended_active_elsewhere',
    );
    expect(suspended?.evidence.entities).toEqual(
      expect.arrayContaining([k.person(2), k.jcUser(2), k.kandjiUser(2), 'hexnode:user:3']),
    );
    expect(suspended?.connection).toBeUndefined();
  });
});

describe('the clean tenant', () => {
  it('has no finding and passes every evaluable check', () => {
    const report = runPosture(clean);
    expect(subjects(report)).toEqual({});
    const judged = report.results.filter((r) => r.status !== 'not_evaluated');
    expect(judged.every((r) => r.status === 'pass')).toBe(true);
    expect(judged.map((r) => r.checkId).sort()).toEqual(
      defaultChecks
        .map((c) => c.id)
        .filter((id) => !(id in NOT_EVALUABLE))
        .sort(),
    );
    expect(report.scores.overall).toEqual({
      passed: judged.length,
      failed: 0,
      notEvaluated: Object.keys(NOT_EVALUABLE).length,
      score: 100,
    });
  });
});

describe.each([
  ['misconfigured', () => misconfigured],
  ['clean', () => clean],
])('on the %s tenant, checks without data', (_name, snapshot) => {
  it('are "not evaluated" with their reason, never passed', () => {
    const report = runPosture(snapshot());
    const codes = Object.fromEntries(report.notEvaluated.map((n) => [n.checkId, n.code]));
    expect(codes).toEqual(NOT_EVALUABLE);
    const supervised = report.notEvaluated.find(
      (n) => n.checkId === 'kandji.device.not_supervised',
    );
    expect(supervised).toEqual({
      checkId: 'kandji.device.not_supervised',
      connection: 'kandji',
      code: 'field_unavailable',
      reason: expect.stringContaining('mdm.is_supervised'),
    });
    for (const id of Object.keys(NOT_EVALUABLE)) {
      expect(report.results.find((r) => r.checkId === id)?.status).toBe('not_evaluated');
    }
  });
});
