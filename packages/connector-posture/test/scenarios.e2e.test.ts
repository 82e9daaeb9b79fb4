// Every built-in check on both seeded tenants, end to end: sandbox → connectors → collect →
// checks. The misconfigured tenant's flaws are the sandbox's MISCONFIGURATIONS list; the clean
// tenant has none. Each check's exact finding set (subjects) is asserted on both, and each check
// whose data no connector provides is "not evaluated" on both, with its reason.
import type { GraphSnapshot } from '@org/connector-graph';
import { collect } from '@org/connector-graph';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultChecks, type PostureReport, runPosture } from '../src/index.js';
import { collectTenant, connectorsOf, EPOCH, startTenant } from './sandboxes.js';
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

function expectedMisconfigured(snapshot: GraphSnapshot): Record<string, string[]> {
  const k = keysOf(snapshot);
  const sorted = (...keys: string[]) => keys.sort();
  return {
    'jumpcloud.admin.mfa_disabled': [k.jcAdmin(1)],
    'jumpcloud.admin.too_many': [k.jcAccount()],
    'jumpcloud.admin.api_key': [k.jcAdmin(2)],
    // Administrators 0, 3 and 4 have the Billing role: one more than the baseline of two.
    'jumpcloud.admin.billing_too_many': [k.jcAccount()],
    'jumpcloud.org.admin_mfa_not_required': [k.jcAccount()],
    'jumpcloud.org.password_policy_weak': [k.jcAccount()],
    'jumpcloud.org.no_conditional_access': [k.jcAccount()],
    'jumpcloud.user.mfa_not_enrolled': [k.jcUser(1)],
    'jumpcloud.user.mfa_excluded': [k.jcUser(6)],
    // Users 2 (suspended) and 3 (staged): every user is in a group, and both can use an
    // application (2 directly, 3 through its group).
    'jumpcloud.user.inactive_in_groups': sorted(k.jcUser(2), k.jcUser(3)),
    'jumpcloud.user.inactive_assigned_apps': sorted(k.jcUser(2), k.jcUser(3)),
    'jumpcloud.user.no_recent_login': [k.jcUser(11)],
    'jumpcloud.user.password_expired': [k.jcUser(4)],
    'jumpcloud.user.password_never_expires': [k.jcUser(5)],
    'jumpcloud.user.password_old': [k.jcUser(10)],
    'jumpcloud.user.passwordless_sudo': [k.jcUser(7)],
    'jumpcloud.user.sudo_all_systems': [k.jcUser(0)],
    'jumpcloud.user.account_locked': [k.jcUser(8)],
    'jumpcloud.user.bad_login_attempts': [k.jcUser(9)],
    'jumpcloud.system.fde_disabled': [k.jcSystem(0)],
    'jumpcloud.system.fde_key_not_escrowed': [k.jcSystem(1)],
    'jumpcloud.system.stale': [k.jcSystem(2)],
    'jumpcloud.system.ssh_root_login': [k.jcSystem(3)],
    'jumpcloud.system.ssh_password_auth': [k.jcSystem(3)],
    'jumpcloud.system.policy_failing': [k.jcSystem(4)],
    'jumpcloud.system.no_owner': [k.jcSystem(4)],
    'jumpcloud.system.os_outdated': [k.jcSystem(5)],
    'jumpcloud.system.agent_outdated': [k.jcSystem(5)],
    'jumpcloud.app.idp_cert_expired': [k.jcApp(0)],
    'jumpcloud.app.idp_cert_expiring': [k.jcApp(1)],
    'jumpcloud.app.unassigned': [k.jcApp(2)],
    // The APNs certificate expires in 10 days; the ADE token expired 5 days ago.
    'jumpcloud.mdm.certificate_expired': [k.jcMdm()],
    'jumpcloud.mdm.certificate_expiring': [k.jcMdm()],
    'kandji.device.os_outdated': [k.kandjiDevice(1)],
    'kandji.device.not_supervised': [k.kandjiDevice(1)],
    'kandji.device.no_user': [k.kandjiDevice(2)],
    'kandji.device.mdm_removed': [k.kandjiDevice(2)],
    'kandji.device.no_blueprint': [k.kandjiDevice(3)],
    'kandji.device.missing_or_lost': [k.kandjiDevice(3)],
    'kandji.device.agent_missing': [k.kandjiDevice(4)],
    'kandji.device.stale_checkin': [k.kandjiDevice(0)],
    'kandji.device.filevault_key_not_escrowed': [k.kandjiDevice(0)],
    'kandji.device.agent_outdated': [k.kandjiDevice(0)],
    // Device 5: a Mac with FileVault, the firewall, Gatekeeper and SIP off, under a user's
    // Activation Lock (from Prism).
    'kandji.device.filevault_off': [k.kandjiDevice(5)],
    'kandji.device.user_activation_lock': [k.kandjiDevice(5)],
    'kandji.device.firewall_off': [k.kandjiDevice(5)],
    'kandji.device.gatekeeper_off': [k.kandjiDevice(5)],
    'kandji.device.sip_disabled': [k.kandjiDevice(5)],
    'hexnode.device.non_compliant': [k.hexnodeDevice(0)],
    'hexnode.device.stale': [k.hexnodeDevice(1)],
    'hexnode.device.no_user': [k.hexnodeDevice(2)],
    'hexnode.device.enrollment_pending': [k.hexnodeDevice(3)],
    'hexnode.device.unencrypted': [k.hexnodeDevice(4)],
    'hexnode.device.no_passcode': [k.hexnodeDevice(5)],
    'hexnode.device.os_outdated': [k.hexnodeDevice(5)],
    // Okta users 1 and 3 have no factor; 3 is an administrator, one of five.
    'okta.user.mfa_not_enrolled': sorted(k.oktaUser(1), k.oktaUser(3)),
    'okta.admin.mfa_not_enrolled': [k.oktaUser(3)],
    'okta.admin.too_many': [k.oktaAccount()],
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

  it('fires every built-in check, each on its planted flaws, and none is left unevaluated', () => {
    const expected = expectedMisconfigured(misconfigured);
    expect(defaultChecks.map((c) => c.id).sort()).toEqual(Object.keys(expected).sort());
    expect(defaultChecks.length).toBeGreaterThanOrEqual(53);
    const report = runPosture(misconfigured);
    expect(report.notEvaluated).toEqual([]);
    expect(report.results.every((r) => r.status === 'fail')).toBe(true);
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
    const os = report.findings.find((f) => f.checkId === 'jumpcloud.system.os_outdated');
    expect(os?.evidence.fields).toMatchObject({
      minimum: expect.any(String),
      baselineUpdated: '2026-12-07',
    });
    const expired = report.findings.find((f) => f.checkId === 'jumpcloud.app.idp_cert_expired');
    expect(expired?.evidence.fields['sso.idpCertExpirationAt']).toBe('2026-05-22T12:00:00.000Z');
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
  it('has no finding and passes every check', () => {
    const report = runPosture(clean);
    expect(subjects(report)).toEqual({});
    expect(report.notEvaluated).toEqual([]);
    expect(report.results.every((r) => r.status === 'pass')).toBe(true);
    expect(report.results.map((r) => r.checkId).sort()).toEqual(
      defaultChecks.map((c) => c.id).sort(),
    );
    expect(report.scores.overall).toEqual({
      passed: defaultChecks.length,
      failed: 0,
      notEvaluated: 0,
      score: 100,
    });
  });
});

describe('checks whose data the host did not opt in to', () => {
  it('are "not evaluated" with the reason and the way to opt in, never passed', async () => {
    const tenant = await startTenant('clean');
    try {
      const plain = await collect(connectorsOf(tenant), { now: () => EPOCH });
      const report = runPosture(plain);
      const reasons = Object.fromEntries(report.notEvaluated.map((n) => [n.checkId, n]));
      expect(Object.keys(reasons).sort()).toEqual([
        'hexnode.device.no_passcode',
        'hexnode.device.unencrypted',
        'kandji.device.not_supervised',
      ]);
      expect(reasons['kandji.device.not_supervised']).toMatchObject({
        code: 'not_collected',
        reason: 'kandji: deviceDetails was not read',
      });
    } finally {
      await tenant.close();
    }
  });
});
