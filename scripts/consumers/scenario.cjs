// What every consumer of the packed or published packages checks, however it loads them
// (import, require, TypeScript): each published package loads and exports something, and each
// connector, constructed against its vendor's sandbox on 127.0.0.1, verifies and lists every
// account. Written as CommonJS with no import of its own so the ESM and CommonJS consumers share
// it while each loads the packages its own way.
'use strict';

const USERS = 30;

/**
 * @param {(name: string) => Promise<Record<string, unknown>> | Record<string, unknown>} load
 * @param {string[]} names the published packages installed in this project
 * @param {string} label how this consumer loads them, for the report
 */
async function run(load, names, label) {
  const byName = (suffix) => {
    const name = names.find((n) => n.endsWith(`/${suffix}`));
    if (!name) throw new Error(`${label}: no installed package named */${suffix}`);
    return name;
  };
  const modules = {};
  for (const name of names) {
    const mod = await load(name);
    const exported = Object.keys(mod).filter((k) => k !== 'default' && k !== '__esModule');
    if (exported.length === 0) throw new Error(`${label}: ${name} loaded with no exports`);
    modules[name] = mod;
  }
  const { startSandbox } = modules[byName('connector-sandbox')];
  const connectors = {
    hexnode: (c) =>
      modules[byName('connector-hexnode')].createHexnodeConnector({
        apiKey: c.apiKey,
        portal: c.portal,
        baseUrl: c.baseUrl,
      }),
    kandji: (c) =>
      modules[byName('connector-kandji')].createKandjiConnector({
        apiToken: c.apiToken,
        baseUrl: c.baseUrl,
      }),
    jumpcloud: (c) =>
      modules[byName('connector-jumpcloud')].createJumpCloudConnector({
        apiKey: c.apiKey,
        orgId: c.orgId,
        baseUrl: c.baseUrl,
      }),
  };
  for (const [vendor, create] of Object.entries(connectors)) {
    const sandbox = await startSandbox({ vendor, seed: 7, size: { users: USERS } });
    try {
      if (!new URL(sandbox.url).hostname.startsWith('127.')) {
        throw new Error(`${label}: the ${vendor} sandbox is not on loopback: ${sandbox.url}`);
      }
      const connector = create(sandbox.credentials);
      await connector.verify();
      let count = 0;
      for await (const account of connector.accounts()) {
        if (account.vendor !== vendor || typeof account.email !== 'string' || !account.id) {
          throw new Error(`${label}: ${vendor} yielded a malformed account`);
        }
        count += 1;
      }
      // Hexnode's "Default User" has no email, and accounts carry only people with one.
      if (count < USERS - 1 || count > USERS) {
        throw new Error(`${label}: ${vendor} listed ${count} accounts, expected ${USERS}`);
      }
      console.log(`${label}: ${vendor} verified, ${count} accounts`);
    } finally {
      await sandbox.close();
    }
  }
  console.log(`${label}: ${names.length} packages loaded, 3 connectors listed accounts`);
}

module.exports = { run };
