// What verifyEvidence says of a bundle that was tampered with, broken or never one: each case an
// auditor may meet, with the exact result or typed error.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/bundle/hash.js';
import { sha256Sums } from '../src/bundle/sums.js';
import {
  collectEvidence,
  EvidenceBundleError,
  type EvidenceManifest,
  type EvidenceResult,
  manifestDigest,
  SIGNATURE_FILE,
  verifyEvidence,
} from '../src/index.js';
import { connectorsOf, startTenant, type Tenant } from './sandboxes.js';

let tenant: Tenant;
let work: string;
let bundle: EvidenceResult;
const keys = generateKeyPairSync('ed25519');
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });

beforeAll(async () => {
  tenant = await startTenant(17);
  work = await mkdtemp(join(tmpdir(), 'evidence-verify-'));
  bundle = await collectEvidence(connectorsOf(tenant), {
    out: join(work, 'bundle'),
    posture: false,
    sign: privatePem,
  });
});
afterAll(async () => {
  await tenant?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

let copies = 0;
/** A fresh copy of the bundle directory. */
async function copy(): Promise<string> {
  const to = join(work, `copy-${++copies}`);
  await cp(bundle.directory, to, { recursive: true });
  return to;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('a bundle as written', () => {
  it('verifies, and says that without a digest or signature nothing outside anchors it', async () => {
    const plain = await verifyEvidence(bundle.directory);
    expect(plain).toMatchObject({
      ok: true,
      anchored: false,
      signature: 'not_checked',
      refused: [],
    });
    const digest = await verifyEvidence(bundle.directory, {
      expectedDigest: bundle.manifest.digest,
    });
    expect(digest).toMatchObject({ ok: true, anchored: true });
    const signed = await verifyEvidence(bundle.archive ?? '', { publicKey: publicPem });
    expect(signed).toMatchObject({ ok: true, anchored: true, signature: 'valid' });
    // The signature is in the archive too, and is no "added" file.
    expect(signed.added).toEqual([]);
  });

  it('refuses a signature by another key, and a bundle without one when a key is given', async () => {
    const wrong = await verifyEvidence(bundle.directory, { publicKey: other });
    expect(wrong).toMatchObject({ ok: false, signature: 'invalid', anchored: false });
    const unsigned = await copy();
    await rm(join(unsigned, SIGNATURE_FILE));
    expect(await verifyEvidence(unsigned, { publicKey: publicPem })).toMatchObject({
      ok: false,
      signature: 'missing',
    });
  });
});

describe('a bundle rewritten whole', () => {
  it('verifies on its own hashes, but fails against the recorded digest and the signature', async () => {
    const forged = await copy();
    await writeFile(join(forged, 'report.html'), '<p>nothing to see</p>');
    const manifest = JSON.parse(
      await readFile(join(forged, 'manifest.json'), 'utf8'),
    ) as EvidenceManifest;
    const bytes = Buffer.from('<p>nothing to see</p>');
    const files = {
      ...manifest.files,
      'report.html': { sha256: sha256(bytes), bytes: bytes.length },
    };
    const { digest: _, ...rest } = { ...manifest, files };
    const rewritten = { ...rest, digest: manifestDigest(rest) };
    const text = `${JSON.stringify(rewritten, null, 2)}\n`;
    await writeFile(join(forged, 'manifest.json'), text);
    await writeFile(join(forged, 'SHA256SUMS'), sha256Sums(rewritten, sha256(text)));
    // Every hash and the digest agree: only something outside the bundle can tell.
    expect(await verifyEvidence(forged)).toMatchObject({ ok: true, anchored: false });
    expect(await verifyEvidence(forged, { expectedDigest: bundle.manifest.digest })).toMatchObject({
      ok: false,
      digestOk: false,
      changed: ['manifest.json'],
    });
    expect(await verifyEvidence(forged, { publicKey: publicPem })).toMatchObject({
      ok: false,
      signature: 'invalid',
    });
  });
});

describe('entries that are not regular files', () => {
  it('refuses a symbolic link added to the directory, never following it', async () => {
    const dir = await copy();
    await symlink('/etc/hostname', join(dir, 'records', 'link.json'));
    const result = await verifyEvidence(dir);
    expect(result).toMatchObject({
      ok: false,
      refused: [{ path: 'records/link.json', kind: 'symbolic link' }],
      added: [],
    });
  });

  it('refuses a named pipe', async () => {
    const dir = await copy();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect((await stat(join(dir, 'pipe'))).isFIFO()).toBe(true);
    expect(await verifyEvidence(dir)).toMatchObject({
      ok: false,
      refused: [{ path: 'pipe', kind: 'named pipe' }],
    });
  });

  it('refuses a symbolic link and a path leaving the bundle inside an archive', async () => {
    const dir = await copy();
    const top = join(work, 'linked');
    await mkdir(top);
    await cp(dir, join(top, 'bundle'), { recursive: true });
    await symlink('../../etc/passwd', join(top, 'bundle', 'evil'));
    const archive = join(work, 'linked.tar.gz');
    await tar.create({ gzip: true, file: archive, cwd: top, portable: true }, ['bundle']);
    expect(await verifyEvidence(archive)).toMatchObject({
      ok: false,
      refused: [{ path: 'evil', kind: 'symbolic link' }],
    });
  });
});

describe('a bundle that cannot be verified at all', () => {
  it('names a truncated or corrupt archive with a typed error', async () => {
    const bytes = await readFile(bundle.archive ?? '');
    const truncated = join(work, 'truncated.tar.gz');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await failure(verifyEvidence(truncated));
    expect(error).toBeInstanceOf(EvidenceBundleError);
    expect(error).toMatchObject({
      code: 'corrupt_archive',
      message: 'truncated.tar.gz is not a complete .tar.gz archive (zlib: unexpected end of file)',
    });
    const garbage = join(work, 'garbage.tar.gz');
    await writeFile(garbage, 'not an archive');
    expect(await failure(verifyEvidence(garbage))).toMatchObject({
      code: 'corrupt_archive',
      message: expect.stringMatching(/^garbage\.tar\.gz is not a complete \.tar\.gz archive \(/),
    });
  });

  it('names a missing manifest, and one that is not valid JSON or not a manifest', async () => {
    const missing = await copy();
    await rm(join(missing, 'manifest.json'));
    expect(await failure(verifyEvidence(missing))).toMatchObject({
      code: 'missing_manifest',
      message:
        'the bundle has no manifest.json: it is not an evidence bundle, or its manifest was removed',
    });
    const broken = await copy();
    await writeFile(join(broken, 'manifest.json'), '{"format": ');
    expect(await failure(verifyEvidence(broken))).toMatchObject({
      code: 'invalid_manifest',
      message: expect.stringMatching(/^manifest\.json is not valid JSON \(/),
    });
    const foreign = await copy();
    await writeFile(join(foreign, 'manifest.json'), '{"format": "something-else", "files": {}}');
    expect(await failure(verifyEvidence(foreign))).toMatchObject({
      code: 'invalid_manifest',
      message:
        'manifest.json is not an evidence manifest (format "something-else", expected connector-kit-evidence/1 or connector-kit-evidence/2 with files and a digest)',
    });
  });
});
