// A CI job over a tenant with one known risk: it fails on it, goes green once the risk is a
// documented, approved exception with an expiry (still shown as suppressed everywhere), warns as
// the expiry nears and fails again once it lapses. The job runs the built executable, as CI does.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from './helpers/run.js';
import { startTenants, type Tenants } from './helpers/tenants.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const DAY = 86_400_000;

let t: Tenants;
/** The user the risk is about, and its finding. */
let userKey: string;

/** The CI step: the built executable, the environment holding the secrets, its exit code. */
function ciJob(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: t.dir, env: { ...t.env, CI: 'true' } },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

async function exception(expires: string) {
  await writeFile(
    join(t.dir, 'mutelist.yaml'),
    stringify({
      mutelist: [
        {
          id: 'svc-build-no-mfa',
          check: 'jumpcloud.user.mfa_not_enrolled',
          connection: 'jumpcloud-main',
          entity: userKey,
          reason: 'service account of the build farm; no interactive sign-in (ticket SEC-412)',
          approver: 'ciso@acme.example',
          expires,
        },
      ],
    }),
  );
}

beforeAll(async () => {
  // Every setting compliant, then one known risk: a JumpCloud user without MFA (high).
  t = await startTenants(4, 'clean');
  const user = t.jumpcloud.control.users()[3];
  if (!user) throw new Error('no user');
  t.jumpcloud.control.updateUser(user.id, {
    mfa: { configured: false, exclusion: false },
    mfaEnrollment: {
      overallStatus: 'NOT_ENROLLED',
      pushStatus: 'NOT_ENROLLED',
      totpStatus: 'NOT_ENROLLED',
      webAuthnStatus: 'NOT_ENROLLED',
    },
  });
  userKey = `jumpcloud-main:user:${user.id}`;
  await writeFile(
    join(t.dir, 'posture.yaml'),
    stringify({ failOn: 'high', mutelist: 'mutelist.yaml' }),
  );
});
afterAll(() => t?.close());

describe('a CI job with a known, documented, expiring exception', () => {
  it('fails on the risk before there is an exception, saying why even with --quiet', async () => {
    const r = await ciJob(['posture', '--fail-on', 'high', '--quiet']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      'connector-kit: 1 findings at high or worse (jumpcloud.user.mfa_not_enrolled)\n',
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^ {2}jumpcloud\\.user\\.mfa_not_enrolled {2}jumpcloud-main {2}\\[${userKey}\\] {2}.+ has no MFA factor enrolled$`,
        'm',
      ),
    );
  });

  it('goes green with the exception, which stays visible as suppressed in text, JSON, OCSF and CSV', async () => {
    await exception(day(20));
    const r = await ciJob(['posture', '--config', 'posture.yaml', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^SUPPRESSED \(1\): accepted risks, not counted against --fail-on$/m);
    expect(r.stdout).toContain(
      `      accepted: service account of the build farm; no interactive sign-in (ticket SEC-412) (svc-build-no-mfa, approved by ciso@acme.example, expires ${day(20)})`,
    );
    expect(r.stdout).toMatch(
      /^mutelist: 1 entries, 1 holding 1 findings, 0 expired, 0 matching nothing$/m,
    );
    expect(r.stdout).toContain(
      `  expiring: svc-build-no-mfa expires ${day(20)} (in 20 days): renew or fix it`,
    );
    expect(r.stdout).toMatch(/^pass: no finding at high or worse$/m);

    const json = JSON.parse(
      (await ciJob(['posture', '--config', 'posture.yaml', '--json', '-q'])).stdout,
    ) as {
      findings: unknown[];
      suppressed: Array<{ finding: { id: string }; suppression: { approver: string } }>;
      exitCode: number;
    };
    expect(json.findings).toEqual([]);
    expect(json.suppressed.map((s) => [s.finding.id, s.suppression.approver])).toEqual([
      [`jumpcloud.user.mfa_not_enrolled:${userKey}`, 'ciso@acme.example'],
    ]);
    expect(json.exitCode).toBe(0);
    const ocsf = (await ciJob(['posture', '--config', 'posture.yaml', '--ocsf', '-q'])).stdout
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            status: string;
            status_code: string;
            unmapped: { suppression?: { approver: string } };
          },
      );
    const held = ocsf.filter((r) => r.status === 'Suppressed');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      status_code: 'FAIL',
      unmapped: { suppression: { approver: 'ciso@acme.example' } },
    });
    expect(ocsf.filter((r) => r.status_code === 'FAIL' && r.status === 'New')).toEqual([]);
    const csv = (await ciJob(['posture', '--config', 'posture.yaml', '--csv', '-q'])).stdout.split(
      '\r\n',
    );
    const header = csv[0]?.split(',') ?? [];
    const row = csv.find(
      (l) => l.includes('jumpcloud.user.mfa_not_enrolled') && l.includes(',FAIL,'),
    );
    expect(row?.split(',')[header.indexOf('muted')]).toBe('true');
    expect(row?.split(',')[header.indexOf('mute_id')]).toBe('svc-build-no-mfa');
  });

  it('puts the exception in the evidence bundle: manifest, CSV and the report', async () => {
    const r = await run(['evidence', '--config', 'posture.yaml', '--out', 'ci-bundle', '-q'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(r.code).toBe(0);
    const manifest = JSON.parse(
      await readFile(join(t.dir, 'ci-bundle', 'manifest.json'), 'utf8'),
    ) as {
      posture: {
        suppressions: { entries: Array<{ id: string; approver: string }> };
        suppressed: number;
      };
      command: string;
    };
    expect(manifest.posture.suppressions.entries).toMatchObject([
      { id: 'svc-build-no-mfa', approver: 'ciso@acme.example' },
    ]);
    expect(manifest.posture.suppressed).toBe(1);
    expect(manifest.command).toBe(
      'connector-kit evidence --config posture.yaml --out ci-bundle -q',
    );
    const report = await readFile(join(t.dir, 'ci-bundle', 'report.html'), 'utf8');
    expect(report).toContain('ciso@acme.example');
    expect(report).toContain('ticket SEC-412');
  });

  it('fails again once the exception lapses, and says it expired', async () => {
    await exception(day(-1));
    const r = await ciJob(['posture', '--config', 'posture.yaml', '--quiet']);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain(
      `  expired: svc-build-no-mfa (${day(-1)}): its findings are open again`,
    );
    expect(r.stderr).toBe(
      'connector-kit: 1 findings at high or worse (jumpcloud.user.mfa_not_enrolled)\n',
    );
  });
});
