// Every mistake in what a person gives the command ends in one line on stderr that names the
// problem and the fix, nothing on stdout, and exit code 2.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENDOR_NAMES } from '../src/vendors/registry.js';
import { run } from './helpers/run.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bad-input-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function withFile(name: string, text: string, argv: string[], env = {}) {
  await writeFile(join(dir, name), text);
  return run([...argv, '--connections', name], { cwd: dir, env });
}

function expectOneLine(r: { code: number; stdout: string; stderr: string }, line: string) {
  expect(r.stderr).toBe(`connector-kit: ${line}\n`);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
}

describe('bad input', () => {
  it('a missing connections file', async () => {
    const r = await run(['verify'], { cwd: dir });
    expectOneLine(
      r,
      `connections file ${join(dir, 'connections.yaml')} not found: create it (see "The connections file" in the README), pass --connections <file>, or add --sandbox to try the local sandboxes`,
    );
  });

  it('an unknown vendor', async () => {
    const r = await withFile(
      'idp.yaml',
      'connections:\n  - name: idp\n    vendor: onelogin\n    token: { env: ONELOGIN }\n',
      ['accounts'],
    );
    expectOneLine(
      r,
      `idp.yaml: connection "idp": unknown vendor "onelogin": use one of ${VENDOR_NAMES.join(', ')}`,
    );
  });

  it('a secret written inline, never repeated', async () => {
    const r = await withFile(
      'inline.json',
      JSON.stringify({
        connections: [{ name: 'jc', vendor: 'jumpcloud', apiKey: 'jc-inline-secret-123' }],
      }),
      ['graph'],
    );
    expectOneLine(
      r,
      'inline.json: connection "jc": apiKey is a secret written inline: write apiKey: { env: API_KEY } and set API_KEY in the environment (and rotate the secret if the file was shared)',
    );
    expect(r.stderr).not.toContain('jc-inline-secret-123');
  });

  it('an unset variable', async () => {
    const r = await withFile(
      'unset.yaml',
      'connections:\n  - name: jc\n    vendor: jumpcloud\n    apiKey: { env: JC_API_KEY }\n',
      ['poll', '--once'],
    );
    expectOneLine(
      r,
      'unset.yaml: connection "jc": apiKey reads the environment variable JC_API_KEY, which is not set: set JC_API_KEY (export JC_API_KEY=…) before running connector-kit',
    );
  });

  it('a value the connector rejects', async () => {
    const r = await withFile(
      'kandji.yaml',
      'connections:\n  - name: k\n    vendor: kandji\n    apiUrl: acme.kandji.io\n    apiToken: { env: T }\n',
      ['verify'],
      { T: 'token' },
    );
    expect(r.stderr).toMatch(
      /^connector-kit: kandji\.yaml: connection "k": Kandji config: apiUrl .+: correct that field of the connection\n$/,
    );
    expect(r.code).toBe(2);
  });

  it('--only naming no connection', async () => {
    const r = await run(['accounts', '--sandbox', '--only', 'nope']);
    expectOneLine(
      r,
      `--only names "nope", which is not a connection: use one of ${VENDOR_NAMES.map((v) => `${v}-sandbox`).join(', ')}`,
    );
  });

  it('an unknown command, option or choice, and a bad duration', async () => {
    expectOneLine(await run(['lsit']), "unknown command 'lsit' (see connector-kit --help)");
    expectOneLine(
      await run(['verify', '--frobnicate']),
      "unknown option '--frobnicate' (see connector-kit --help)",
    );
    const format = await run(['graph', '--format', 'svg']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(
      /^connector-kit: option '--format <format>' argument 'svg' is invalid\. Allowed choices are ndjson, jgf, graphml\. \(see connector-kit --help\)\n$/,
    );
    expectOneLine(
      await run(['poll', '--sandbox', '--interval', 'soon']),
      '--interval "soon" is not a duration: write it like 90s, 15m, 6h or 1d',
    );
  });

  it('no command at all prints the help and exits 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Usage: connector-kit \[options\] \[command\]/);
  });
});

describe('help and version', () => {
  it('exit 0 and print on stdout', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: connector-kit/);
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
