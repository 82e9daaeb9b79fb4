// The TypeScript CommonJS consumer: `import x = require()` of every connector, typechecked under
// strict `nodenext` and then run, so the types TypeScript resolves for `require` match what Node
// loads. `FACTORIES` is typed by the sandbox's vendor union: a vendor the sandbox registers without
// a line here fails to compile.
import core = require('@org/connector-core');
import hexnode = require('@org/connector-hexnode');
import jumpcloud = require('@org/connector-jumpcloud');
import kandji = require('@org/connector-kandji');
import okta = require('@org/connector-okta');
import sandboxes = require('@org/connector-sandbox');

type Factories = {
  [V in sandboxes.Vendor]: (credentials: sandboxes.CredentialsByVendor[V]) => core.Connector;
};

const FACTORIES: Factories = {
  hexnode: (c) => hexnode.createHexnodeConnector(c),
  kandji: (c) => kandji.createKandjiConnector(c),
  jumpcloud: (c) => jumpcloud.createJumpCloudConnector(c),
  okta: (c) => okta.createOktaConnector(c),
};

async function count(connector: core.Connector): Promise<number> {
  await connector.verify();
  let n = 0;
  for await (const account of connector.accounts()) {
    const email: string = account.email;
    if (!email) throw new Error(`${account.vendor} account ${account.id} has no email`);
    n += 1;
  }
  return n;
}

async function countOf<V extends sandboxes.Vendor>(vendor: V): Promise<number> {
  const sandbox = await sandboxes.startSandbox({ vendor, seed: 7, size: { users: 12 } });
  try {
    const n = await count(FACTORIES[vendor](sandbox.credentials));
    const expected = sandbox.control.users().filter((u) => u.email).length;
    if (n !== expected)
      throw new Error(`cts consumer: ${vendor} listed ${n}, expected ${expected}`);
    return n;
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const counts: Record<string, number> = {};
  for (const vendor of sandboxes.SANDBOX_VENDOR_NAMES) counts[vendor] = await countOf(vendor);
  console.log(`cts consumer: ${JSON.stringify(counts)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
