import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../cli/input-error.js';
import { VENDOR_NAMES } from '../vendors/registry.js';
import { connect } from './connect.js';
import { loadConnections, parseConnections } from './load.js';

const SECRET = 'hx-secret-0123456789abcdef';

const YAML = `
connections:
  - name: hexnode-eu
    vendor: hexnode
    portal: acme-eu
    apiKey: { env: HEXNODE_EU_KEY }
  - name: hexnode-us
    vendor: hexnode
    portal: https://acme-us.hexnodemdm.com/
    apiKey: { env: HEXNODE_US_KEY }
    pageSize: 200
  - name: kandji
    vendor: kandji
    apiUrl: acme.api.kandji.io
    apiToken: { env: KANDJI_TOKEN }
  - name: jumpcloud-msp
    vendor: jumpcloud
    orgId: { env: JC_ORG }
    serviceAccount:
      clientId: client-1
      clientSecret: { env: JC_SECRET }
`;

const ENV = {
  HEXNODE_EU_KEY: SECRET,
  HEXNODE_US_KEY: 'hx-us',
  KANDJI_TOKEN: 'kd-token',
  JC_ORG: '5c3022312c1d7b270fbfa01a',
  JC_SECRET: 'jc-secret',
};

/** The InputError `fn` throws, so a test can check its whole line. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseConnections', () => {
  it('reads several named connections per vendor from YAML, with their environment references', () => {
    const connections = parseConnections(YAML, '/x/connections.yaml', ENV);
    expect(connections.map((c) => [c.name, c.vendor])).toEqual([
      ['hexnode-eu', 'hexnode'],
      ['hexnode-us', 'hexnode'],
      ['kandji', 'kandji'],
      ['jumpcloud-msp', 'jumpcloud'],
    ]);
    expect(connections[0]?.settings.apiKey).toBe(SECRET);
    expect(connections[1]?.settings.pageSize).toBe(200);
    expect(connections[3]?.settings).toMatchObject({
      orgId: ENV.JC_ORG,
      serviceAccount: { clientId: 'client-1', clientSecret: 'jc-secret' },
    });
    // Each becomes a connector of its vendor, under its own name.
    const connectors = connections.map((c) => connect(c, 'connections.yaml'));
    expect(connectors.map((c) => `${c.vendor}:${c.name}`)).toEqual([
      'hexnode:hexnode-eu',
      'hexnode:hexnode-us',
      'kandji:kandji',
      'jumpcloud:jumpcloud-msp',
    ]);
  });

  it('reads the same file written as JSON', () => {
    const json = JSON.stringify({
      connections: [
        {
          name: 'k',
          vendor: 'kandji',
          apiUrl: 'acme.api.kandji.io',
          apiToken: { env: 'KANDJI_TOKEN' },
        },
      ],
    });
    const [k] = parseConnections(json, 'connections.json', ENV);
    expect(k?.settings.apiToken).toBe('kd-token');
  });

  it('refuses a secret written inline, without repeating it', () => {
    const text = YAML.replace('apiKey: { env: HEXNODE_EU_KEY }', `apiKey: ${SECRET}`);
    const error = inputError(() => parseConnections(text, 'connections.yaml', ENV));
    expect(error.line).toBe(
      'connections.yaml: connection "hexnode-eu": apiKey is a secret written inline: write apiKey: { env: API_KEY } and set API_KEY in the environment (and rotate the secret if the file was shared)',
    );
    expect(error.line).not.toContain(SECRET);
  });

  it('refuses a nested secret written inline', () => {
    const text = YAML.replace('clientSecret: { env: JC_SECRET }', 'clientSecret: s3cr3t');
    expect(inputError(() => parseConnections(text, 'c.yaml', ENV)).message).toBe(
      'c.yaml: connection "jumpcloud-msp": serviceAccount.clientSecret is a secret written inline',
    );
  });

  it('turns a shell-style reference into the form the file uses', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style reference is the point
    for (const written of ['$HEXNODE_EU_KEY', '${HEXNODE_EU_KEY}', '"$env:HEXNODE_EU_KEY"']) {
      const text = YAML.replace('apiKey: { env: HEXNODE_EU_KEY }', `apiKey: ${written}`);
      expect(inputError(() => parseConnections(text, 'c.yaml', ENV)).line).toBe(
        'c.yaml: connection "hexnode-eu": apiKey must be an environment-variable reference: write apiKey: { env: HEXNODE_EU_KEY } and set HEXNODE_EU_KEY in the environment',
      );
    }
  });

  it('names an unset or empty variable and how to set it', () => {
    const { KANDJI_TOKEN: _, ...unset } = ENV;
    expect(inputError(() => parseConnections(YAML, 'c.yaml', unset)).line).toBe(
      'c.yaml: connection "kandji": apiToken reads the environment variable KANDJI_TOKEN, which is not set: set KANDJI_TOKEN (export KANDJI_TOKEN=…) before running connector-kit',
    );
    expect(
      inputError(() => parseConnections(YAML, 'c.yaml', { ...ENV, KANDJI_TOKEN: ' ' })).message,
    ).toContain('KANDJI_TOKEN, which is empty');
  });

  it('names an unknown vendor and the known ones', () => {
    const text = YAML.replace('vendor: kandji', 'vendor: onelogin');
    expect(inputError(() => parseConnections(text, 'c.yaml', ENV)).line).toBe(
      `c.yaml: connection "kandji": unknown vendor "onelogin": use one of ${VENDOR_NAMES.join(', ')}`,
    );
  });

  it('names a misspelt field, a missing one and a wrong type', () => {
    expect(
      inputError(() =>
        parseConnections(YAML.replace('portal: acme-eu', 'portl: acme-eu'), 'c.yaml', ENV),
      ).line,
    ).toBe(
      'c.yaml: connection "hexnode-eu": portl is not a known field: a hexnode connection has name, vendor, portal, apiKey, baseUrl, pageSize, managedDevices',
    );
    expect(
      inputError(() => parseConnections(YAML.replace('    portal: acme-eu\n', ''), 'c.yaml', ENV))
        .message,
    ).toBe('c.yaml: connection "hexnode-eu": portal is missing');
    expect(
      inputError(() =>
        parseConnections(YAML.replace('pageSize: 200', 'pageSize: lots'), 'c.yaml', ENV),
      ).message,
    ).toBe('c.yaml: connection "hexnode-us": pageSize must be a number');
  });

  it('refuses two connections of one name, an empty list and a file of another shape', () => {
    const twice = YAML.replace('name: hexnode-us', 'name: hexnode-eu');
    expect(inputError(() => parseConnections(twice, 'c.yaml', ENV)).message).toBe(
      'c.yaml: connection "hexnode-eu" appears twice',
    );
    expect(inputError(() => parseConnections('connections: []', 'c.yaml', ENV)).message).toBe(
      'c.yaml: connections must hold at least one connection',
    );
    expect(inputError(() => parseConnections('- a\n- b', 'c.yaml', ENV)).message).toBe(
      'c.yaml: expected an object with a connections list',
    );
  });

  it('names a connection without a name after its vendor, numbered, never taking a given name', () => {
    const text = `
connections:
  - vendor: hexnode
    portal: acme-eu
    apiKey: { env: HEXNODE_EU_KEY }
  - name: Hexnode 1
    vendor: hexnode
    portal: acme-us
    apiKey: { env: HEXNODE_US_KEY }
  - vendor: hexnode
    portal: acme-apac
    apiKey: { env: HEXNODE_US_KEY }
  - vendor: kandji
    apiUrl: acme.api.kandji.io
    apiToken: { env: KANDJI_TOKEN }
`;
    expect(parseConnections(text, 'c.yaml', ENV).map((c) => c.name)).toEqual([
      'Hexnode 2',
      'Hexnode 1',
      'Hexnode 3',
      'Kandji 1',
    ]);
  });

  it('keeps tags for the graph, out of the connector settings, and refuses odd tag names', () => {
    const text = YAML.replace(
      '    portal: acme-eu\n',
      '    portal: acme-eu\n    tags: { AccountName: Acme EU, Description: production }\n',
    );
    const [eu] = parseConnections(text, 'c.yaml', ENV);
    expect(eu?.tags).toEqual({ AccountName: 'Acme EU', Description: 'production' });
    expect(eu?.settings).not.toHaveProperty('tags');
    const odd = YAML.replace(
      '    portal: acme-eu\n',
      '    portal: acme-eu\n    tags: { a.b: x }\n',
    );
    expect(inputError(() => parseConnections(odd, 'c.yaml', ENV)).message).toMatch(
      /tag names must be letters, digits and _/,
    );
  });

  it('reports a syntax error in one line', () => {
    const yaml = inputError(() => parseConnections('connections: [', 'c.yaml', ENV));
    expect(yaml.message).toMatch(/^c\.yaml is not valid YAML \(.+\)$/);
    const json = inputError(() => parseConnections('{"connections": [', 'c.json', ENV));
    expect(json.message).toMatch(/^c\.json is not valid JSON \(.+\)$/);
  });

  it('passes on what a connector rejects, naming the connection', () => {
    const text = YAML.replace('portal: acme-eu', 'portal: https://evil.example.com/');
    const [hexnode] = parseConnections(text, 'c.yaml', ENV);
    if (!hexnode) throw new Error('no connection');
    const error = inputError(() => connect(hexnode, 'c.yaml'));
    expect(error.message).toMatch(
      /^c\.yaml: connection "hexnode-eu": Hexnode config: portal must be/,
    );
    expect(error.line).not.toContain(SECRET);
  });
});

describe('loadConnections', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'connections-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a file', async () => {
    await writeFile(join(dir, 'connections.yaml'), YAML);
    expect(await loadConnections(join(dir, 'connections.yaml'), ENV)).toHaveLength(4);
  });

  it('says what to do when the file is missing', async () => {
    const path = join(dir, 'nope.yaml');
    await expect(loadConnections(path, ENV)).rejects.toThrow(
      expect.objectContaining({
        line: `connections file ${path} not found: create it (see "The connections file" in the README), pass --connections <file>, or add --sandbox to try the local sandboxes`,
      }),
    );
  });
});
