import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The OCSF 1.3.0 validator of the posture package's tests (ajv over the vendored OCSF schema).
import { complianceFindingValidator } from '../../connector-posture/test/ocsf/validate.js';
import { run } from './helpers/run.js';
import { startTenants, type Tenants } from './helpers/tenants.js';

let t: Tenants;
beforeAll(async () => {
  t = await startTenants(9);
});
afterAll(() => t.close());

const opts = () => ({ env: t.env, cwd: t.dir });

describe('posture', () => {
  it('prints findings worst first and exits 0 without --fail-on', async () => {
    const r = await run(['posture', '-q'], opts());
    expect(r.code).toBe(0);
    const summary =
      /^(\d+) findings \((\d+) critical, (\d+) high, (\d+) medium, (\d+) low, (\d+) informational\), \d+ suppressed, \d+ checks not evaluated$/m.exec(
        r.stdout,
      );
    expect(summary).not.toBeNull();
    const [total, ...bySeverity] = (summary ?? []).slice(1).map(Number);
    expect(total).toBeGreaterThan(0);
    expect(bySeverity.reduce((a, b) => a + b, 0)).toBe(total);
    // Headings in severity order, each with its findings under it.
    const headings = [
      ...r.stdout.matchAll(/^(CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL) \(\d+\)$/gm),
    ].map((m) => m[1]);
    const order = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
    expect(headings).toEqual(
      [...headings].sort((a, b) => order.indexOf(a ?? '') - order.indexOf(b ?? '')),
    );
  });

  it('fails a CI job on findings at or above --fail-on (exit 4), and passes below', async () => {
    const json = await run(['posture', '--json', '-q'], opts());
    const report = JSON.parse(json.stdout) as { findings: Array<{ severity: string }> };
    const severities = new Set(report.findings.map((f) => f.severity));
    const order = ['critical', 'high', 'medium', 'low', 'informational'];
    const worst = order.find((s) => severities.has(s));
    if (!worst) throw new Error('the sandboxes should have findings');
    const failing = await run(['posture', '-q', '--fail-on', worst], opts());
    expect(failing.code).toBe(4);
    expect(failing.stdout).toMatch(new RegExp(`^FAIL: \\d+ findings at ${worst} or worse$`, 'm'));
    const above = order[order.indexOf(worst) - 1];
    if (above) {
      const passing = await run(['posture', '-q', '--fail-on', above], opts());
      expect(passing.code).toBe(0);
      expect(passing.stdout).toContain(`pass: no finding at ${above} or worse`);
    }
  });

  it('prints OCSF records that validate against OCSF 1.3.0, in both layouts, and writes every output with --out', async () => {
    const validate = complianceFindingValidator();
    const lines = (text: string) =>
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { class_uid: number; status_code: string });
    const records = lines(
      (await run(['posture', '--ocsf', '-q', '--device-details', '20'], opts())).stdout,
    );
    const perRequirement = lines(
      (await run(['posture', '--ocsf-requirements', '-q', '--out', 'posture-out'], opts())).stdout,
    );
    expect(validate(records)).toEqual([]);
    expect(validate(perRequirement)).toEqual([]);
    expect(new Set(records.map((r) => r.status_code))).toEqual(
      new Set(['PASS', 'FAIL', 'NOT_EVALUATED']),
    );
    expect(perRequirement.length).toBeGreaterThan(records.length);
    for (const file of [
      'posture.json',
      'findings.json',
      'suppressed.json',
      'findings.ocsf.ndjson',
      'compliance.ocsf.ndjson',
      'findings.csv',
      'compliance/soc-2.csv',
      'compliance/cis-controls-v8.csv',
      'compliance/iso-iec-27001-2022.csv',
    ]) {
      expect(
        (await readFile(join(t.dir, 'posture-out', file), 'utf8')).length,
        file,
      ).toBeGreaterThan(0);
    }
  });

  it('names each finding by a stable id: serial, host name or entity key', async () => {
    const r = await run(['posture', '-q', '--only', 'kandji-main'], opts());
    // Finding rows (not the "not evaluated" ones, which name the connection and a code).
    const rows = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('  kandji.') && !/^ {2}\S+ {2}kandji-main: /.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(
        /^ {2}kandji\.\S+ {2}kandji-main {2}\[(serial \S+|host \S+|kandji-main:\S+)\] {2}\S/,
      );
    }
  });
});

describe('evidence', () => {
  it('writes a bundle that evidence verify accepts, and rejects after one byte of one file changes', async () => {
    const made = await run(['evidence', '--out', 'bundle', '--json', '-q'], opts());
    expect(made.code).toBe(0);
    const result = JSON.parse(made.stdout) as {
      directory: string;
      archive: string;
      digest: string;
      files: number;
    };
    expect(result.directory).toBe(join(t.dir, 'bundle'));
    expect(result.archive).toBe(join(t.dir, 'bundle.tar.gz'));
    expect(result.digest).toMatch(/^[0-9a-f]{64}$/);
    // No secret of the connections reached any file.
    const manifest = await readFile(join(t.dir, 'bundle', 'manifest.json'), 'utf8');
    for (const secret of [t.env.HEXNODE_API_KEY, t.env.KANDJI_API_TOKEN, t.env.JC_API_KEY]) {
      expect(manifest).not.toContain(secret);
    }
    // The manifest counts the API calls the command's connectors made.
    expect(manifest).toContain('/api/systemusers');

    const ok = await run(['evidence', 'verify', 'bundle', '--digest', result.digest], opts());
    expect(ok).toEqual({
      code: 0,
      stdout: `ok: ${result.files} files match the manifest (digest ${result.digest}, the digest you gave)\n`,
      stderr: '',
    });
    expect((await run(['evidence', 'verify', 'bundle.tar.gz'], opts())).code).toBe(0);

    const report = join(t.dir, 'bundle', 'report.html');
    const bytes = await readFile(report);
    bytes[100] = (bytes[100] ?? 0) ^ 1;
    await writeFile(report, bytes);
    const tampered = await run(['evidence', 'verify', 'bundle'], opts());
    expect(tampered.code).toBe(5);
    expect(tampered.stdout).toBe(
      'FAILED: bundle does not match its manifest\n  changed  report.html\n',
    );
    const json = await run(['evidence', 'verify', 'bundle', '--json'], opts());
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      changed: ['report.html'],
      added: [],
      removed: [],
    });
  });

  it('refuses a directory that is not empty, and needs --out', async () => {
    await writeFile(join(t.dir, 'full'), '');
    const noOut = await run(['evidence', '--only', 'kandji-main'], opts());
    expect(noOut).toEqual({
      code: 2,
      stdout: '',
      stderr: 'connector-kit: evidence needs --out <dir>: name a new directory for the bundle\n',
    });
    const made = await run(
      ['evidence', '--out', 'again', '--no-archive', '-q', '--only', 'kandji-main'],
      opts(),
    );
    expect(made.code).toBe(0);
    const full = await run(
      ['evidence', '--out', 'again', '--no-archive', '-q', '--only', 'kandji-main'],
      opts(),
    );
    expect(full.stderr).toBe(
      'connector-kit: again is not empty: give --out a new directory (each bundle is its own)\n',
    );
    expect(full.code).toBe(2);
  });

  it('hashes emails with --emails hash', async () => {
    const r = await run(
      [
        'evidence',
        '--out',
        'hashed',
        '--no-archive',
        '--emails',
        'hash',
        '-q',
        '--only',
        'kandji-main',
      ],
      opts(),
    );
    expect(r.code).toBe(0);
    const report = await readFile(join(t.dir, 'hashed', 'report.html'), 'utf8');
    expect(report).not.toMatch(/@acme\.example/);
  });

  it('says there is no bundle at a path that does not exist', async () => {
    const r = await run(['evidence', 'verify', 'nowhere'], opts());
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'connector-kit: no evidence bundle at nowhere: give the bundle directory or its .tar.gz archive\n',
    });
  });
});

describe('evidence --sandbox', () => {
  it('is the headline flow: a bundle of the sandboxes that verifies', async () => {
    const made = await run(['evidence', '--sandbox', '--out', 'sandbox-bundle', '-q'], {
      cwd: t.dir,
    });
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^wrote \S+sandbox-bundle \(\d+ files, \d+ findings\)$/m);
    const verified = await run(['evidence', 'verify', 'sandbox-bundle'], { cwd: t.dir });
    expect(verified.code).toBe(0);
  });
});
