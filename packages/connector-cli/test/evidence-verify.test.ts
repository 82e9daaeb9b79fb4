// `evidence verify` on every case an auditor may meet, each with its exit code and message: intact
// (with and without something outside the bundle vouching for it), signed, rewritten whole, a
// symbolic link or a pipe added, a truncated archive, a missing or invalid manifest.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNANCHORED_WARNING } from '../src/commands/evidence-verify.js';
import { run } from './helpers/run.js';
import { startTenants, type Tenants } from './helpers/tenants.js';

let t: Tenants;
let digest: string;
const keys = generateKeyPairSync('ed25519');

beforeAll(async () => {
  t = await startTenants(8);
  await writeFile(
    join(t.dir, 'signing.pem'),
    keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  await writeFile(
    join(t.dir, 'signing.pub.pem'),
    keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  await writeFile(
    join(t.dir, 'other.pub.pem'),
    generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  const made = await run(
    ['evidence', '--out', 'b', '--sign', 'signing.pem', '--only', 'kandji-main', '--json', '-q'],
    { env: t.env, cwd: t.dir },
  );
  expect(made.code).toBe(0);
  const result = JSON.parse(made.stdout) as { digest: string; signed: boolean };
  expect(result.signed).toBe(true);
  digest = result.digest;
});
afterAll(() => t?.close());

const verify = (...args: string[]) => run(['evidence', 'verify', ...args], { cwd: t.dir });
let copies = 0;
async function copy(): Promise<string> {
  const name = `copy-${++copies}`;
  await cp(join(t.dir, 'b'), join(t.dir, name), { recursive: true });
  return name;
}

describe('evidence verify', () => {
  it('intact, unanchored: exit 0, and a warning that a wholesale rewrite would pass too', async () => {
    const r = await verify('b');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ files match the manifest \(digest [0-9a-f]{64}\)\n$/);
    expect(r.stderr).toBe(`${UNANCHORED_WARNING}\n`);
  });

  it('intact, with the recorded digest or the public key: exit 0, no warning', async () => {
    const withDigest = await verify('b', '--digest', digest);
    expect(withDigest).toMatchObject({ code: 0, stderr: '' });
    expect(withDigest.stdout).toContain(', the digest you gave)');
    const signed = await verify('b.tar.gz', '--public-key', 'signing.pub.pem');
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    expect(signed.stdout).toContain(', signature valid)');
  });

  it('signed by another key: exit 5', async () => {
    const r = await verify('b', '--public-key', 'other.pub.pem');
    expect(r.code).toBe(5);
    expect(r.stdout).toBe(
      'FAILED: b does not match its manifest\n  the signature does not match this manifest or this public key\n',
    );
    expect(r.stderr).toBe(
      `${UNANCHORED_WARNING}\nconnector-kit: the bundle does not verify: signature invalid\n`,
    );
  });

  it('rewritten whole: passes on its own hashes with the warning, fails against the digest', async () => {
    const dir = await copy();
    const manifestPath = join(t.dir, dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { createdAt: string };
    // A forger rewrites a field and recomputes the digest and the sums with the package's own code.
    const { canonicalJson, manifestDigest } = await import('@org/connector-evidence');
    const forged = { ...manifest, createdAt: '2020-01-01T00:00:00.000Z' } as Parameters<
      typeof manifestDigest
    >[0];
    const rewritten = { ...forged, digest: manifestDigest(forged) };
    const text = `${JSON.stringify(rewritten, null, 2)}\n`;
    await writeFile(manifestPath, text);
    const { createHash } = await import('node:crypto');
    const sums = (await readFile(join(t.dir, dir, 'SHA256SUMS'), 'utf8')).replace(
      /^[0-9a-f]{64} {2}manifest\.json$/m,
      `${createHash('sha256').update(text).digest('hex')}  manifest.json`,
    );
    await writeFile(join(t.dir, dir, 'SHA256SUMS'), sums);
    expect(canonicalJson(rewritten)).toContain('2020-01-01');
    const plain = await verify(dir);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe(`${UNANCHORED_WARNING}\n`);
    const anchored = await verify(dir, '--digest', digest);
    expect(anchored.code).toBe(5);
    expect(anchored.stdout).toContain(
      `  the manifest digest is ${rewritten.digest}, not ${digest}`,
    );
    expect((await verify(dir, '--public-key', 'signing.pub.pem')).code).toBe(5);
  });

  it('a symbolic link added: refused, exit 5', async () => {
    const dir = await copy();
    await symlink('/etc/passwd', join(t.dir, dir, 'records', 'passwd.json'));
    const r = await verify(dir, '--digest', digest);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe(
      `FAILED: ${dir} does not match its manifest\n  refused  records/passwd.json (symbolic link: a bundle holds regular files only)\n`,
    );
    expect(r.stderr).toBe('connector-kit: the bundle does not verify: 1 refused\n');
  });

  it('a named pipe added: refused, exit 5', async () => {
    const dir = await copy();
    execFileSync('mkfifo', [join(t.dir, dir, 'fifo')]);
    const r = await verify(dir, '--digest', digest);
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('  refused  fifo (named pipe: a bundle holds regular files only)');
  });

  it('a truncated archive: one typed line, exit 7', async () => {
    const bytes = await readFile(join(t.dir, 'b.tar.gz'));
    await writeFile(join(t.dir, 'cut.tar.gz'), bytes.subarray(0, bytes.length >> 1));
    const r = await verify('cut.tar.gz');
    expect(r).toEqual({
      code: 7,
      stdout: '',
      stderr:
        'connector-kit: corrupt_archive: cut.tar.gz is not a complete .tar.gz archive (zlib: unexpected end of file)\n',
    });
    const json = await verify('cut.tar.gz', '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      exitCode: 7,
      error:
        'corrupt_archive: cut.tar.gz is not a complete .tar.gz archive (zlib: unexpected end of file)',
    });
  });

  it('a missing manifest: one typed line, exit 8', async () => {
    const dir = await copy();
    await rm(join(t.dir, dir, 'manifest.json'));
    expect(await verify(dir)).toEqual({
      code: 8,
      stdout: '',
      stderr:
        'connector-kit: missing_manifest: the bundle has no manifest.json: it is not an evidence bundle, or its manifest was removed\n',
    });
  });

  it('an invalid manifest: one typed line, exit 8', async () => {
    const dir = await copy();
    await writeFile(join(t.dir, dir, 'manifest.json'), '{"format": "connector-kit-evidence/2"');
    const r = await verify(dir);
    expect(r.code).toBe(8);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^connector-kit: invalid_manifest: manifest\.json is not valid JSON \(.+\)\n$/,
    );
  });

  it('a key that is not an Ed25519 public key: exit 2', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    await writeFile(
      join(t.dir, 'rsa.pub.pem'),
      rsa.export({ type: 'spki', format: 'pem' }).toString(),
    );
    const r = await verify('b', '--public-key', 'rsa.pub.pem');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'connector-kit: --public-key rsa.pub.pem: the public key must be an Ed25519 public key (openssl genpkey -algorithm ed25519): give an Ed25519 public key in PEM\n',
    );
    await writeFile(join(t.dir, 'junk.pem'), 'not a key');
    expect((await verify('b', '--public-key', 'junk.pem')).stderr).toBe(
      'connector-kit: --public-key junk.pem: the public key is not a PEM key node:crypto can read: give an Ed25519 public key in PEM\n',
    );
  });
});
