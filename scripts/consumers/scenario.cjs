// What every consumer of the packed or published packages checks, however it loads them
// (import, require, TypeScript): each published package loads and exports something, and the
// connector of every vendor the sandbox registers, constructed against its sandbox on 127.0.0.1,
// verifies and lists every account. Written as CommonJS with no import of its own so the ESM and CommonJS consumers share
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
  // Every vendor of the sandbox's registry, each through its connector package's factory: the
  // sandbox's credentials pass straight to it.
  const { startSandbox, SANDBOX_VENDOR_NAMES } = modules[byName('connector-sandbox')];
  for (const vendor of SANDBOX_VENDOR_NAMES) {
    const connectorModule = modules[byName(`connector-${vendor}`)];
    const [factory, create] =
      Object.entries(connectorModule).find(
        ([key, value]) => /^create\w+Connector$/.test(key) && typeof value === 'function',
      ) ?? [];
    if (!create) throw new Error(`${label}: connector-${vendor} exports no create…Connector`);
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
      // Accounts carry only people with an email (Hexnode's "Default User" has none) whom the
      // vendor's default listing shows (Okta leaves deprovisioned users out).
      const expected = sandbox.control.users().filter((u) => u.email).length;
      if (count !== expected || count < USERS / 2) {
        throw new Error(`${label}: ${vendor} listed ${count} accounts, expected ${expected}`);
      }
      console.log(`${label}: ${vendor} verified with ${factory}, ${count} accounts`);
    } finally {
      await sandbox.close();
    }
  }
  console.log(
    `${label}: ${names.length} packages loaded, ${SANDBOX_VENDOR_NAMES.length} connectors listed accounts`,
  );
}

module.exports = { run };
