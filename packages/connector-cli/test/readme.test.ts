// The README is the manual: its help blocks are what `--help` prints, word for word, for every
// command, and its example connections file is the shipped one and works.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseConnections } from '../src/connections/load.js';
import { connect } from '../src/index.js';
import { VENDORS } from '../src/vendors/registry.js';
import { run } from './helpers/run.js';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const example = await readFile(new URL('../connections.example.yaml', import.meta.url), 'utf8');

/** `<!-- help: verify -->` followed by a ```text block, by command. */
function helpBlocks(): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const m of readme.matchAll(
    /<!-- help: ([a-z -]+|connector-kit) -->\n```text\n([\s\S]*?)```\n/g,
  )) {
    blocks.set(m[1] ?? '', m[2] ?? '');
  }
  return blocks;
}

/** The commands listed in the help of `parent`, and theirs, as `evidence verify`. */
async function commands(parent: string[] = []): Promise<string[]> {
  const { stdout } = await run([...parent, '--help']);
  const section = stdout.split('Commands:\n')[1]?.split('\n\n')[0] ?? '';
  const names = [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => [...parent, m[1] ?? '']);
  const nested = await Promise.all(names.map((n) => commands(n)));
  return names.flatMap((n, i) => [n.join(' '), ...(nested[i] ?? [])]);
}

describe('README', () => {
  it('quotes the help of the program and of every command exactly', async () => {
    const blocks = helpBlocks();
    const names = await commands();
    expect(names).toEqual([
      'verify',
      'accounts',
      'poll',
      'status',
      'delete',
      'graph',
      'posture',
      'list-checks',
      'evidence',
      'evidence verify',
      'record',
      'sandbox',
    ]);
    expect([...blocks.keys()].sort()).toEqual(['connector-kit', ...names].sort());
    for (const [name, block] of blocks) {
      const argv = name === 'connector-kit' ? ['--help'] : [...name.split(' '), '--help'];
      const { stdout } = await run(argv);
      // On a mismatch, paste the received text into the README block.
      expect(block, `README help block of ${name}`).toBe(stdout);
    }
  });

  it('shows the shipped example connections file, which loads and connects', () => {
    expect(readme).toContain(`\`\`\`yaml\n${example}\`\`\``);
    const env = Object.fromEntries(
      [...example.matchAll(/env: (\w+)/g)].map((m) => [m[1] ?? '', 'value-of-the-variable']),
    );
    env.JUMPCLOUD_CLIENT_A_ORG_ID = '5c3022312c1d7b270fbfa01a';
    const connections = parseConnections(example, 'connections.example.yaml', env);
    expect(connections.map((c) => c.name)).toEqual([
      'hexnode-eu',
      'hexnode-us',
      'kandji',
      'jumpcloud',
      'jumpcloud-client-a',
    ]);
    for (const c of connections) expect(connect(c, 'connections.example.yaml').name).toBe(c.name);
  });

  it('has one row per registered vendor in its fields table, naming every field and each secret in bold', () => {
    const rows = new Map(
      [
        ...readme.matchAll(
          /^\| \[`([a-z]+)`\]\(\.\.\/connector-([a-z]+)\/README\.md\) \| (.+) \|$/gm,
        ),
      ].map((m) => [m[1] ?? '', { pkg: m[2], fields: m[3] ?? '' }]),
    );
    expect([...rows.keys()]).toEqual(Object.keys(VENDORS));
    for (const [vendor, mapping] of Object.entries(VENDORS)) {
      const row = rows.get(vendor);
      expect(row?.pkg, vendor).toBe(vendor);
      const entries = Object.keys((mapping.settings as unknown as { entries: object }).entries);
      for (const field of entries.filter((f) => f !== 'name' && f !== 'vendor')) {
        expect(row?.fields, `${vendor} row names ${field}`).toContain(`\`${field}\``);
      }
      const bold = [...(row?.fields ?? '').matchAll(/\*\*`([A-Za-z]+)`\*\*/g)].map((m) => m[1]);
      expect(bold.sort(), `${vendor} secrets`).toEqual(
        mapping.secrets.map((s) => s.split('.').at(-1)).sort(),
      );
    }
  });
});
