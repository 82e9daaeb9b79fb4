// The TypeScript CommonJS consumer: `import x = require()` of every connector, typechecked under
// strict `nodenext` and then run, so the types TypeScript resolves for `require` match what Node
// loads.
import core = require('@org/connector-core');
import hexnode = require('@org/connector-hexnode');
import jumpcloud = require('@org/connector-jumpcloud');
import kandji = require('@org/connector-kandji');
import sandboxes = require('@org/connector-sandbox');

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

async function main(): Promise<void> {
  const hx = await sandboxes.startSandbox({ vendor: 'hexnode', seed: 7, size: { users: 12 } });
  const kd = await sandboxes.startSandbox({ vendor: 'kandji', seed: 7, size: { users: 12 } });
  const jc = await sandboxes.startSandbox({ vendor: 'jumpcloud', seed: 7, size: { users: 12 } });
  try {
    const counts = {
      hexnode: await count(
        hexnode.createHexnodeConnector({
          apiKey: hx.credentials.apiKey,
          portal: hx.credentials.portal,
          baseUrl: hx.credentials.baseUrl,
        }),
      ),
      kandji: await count(
        kandji.createKandjiConnector({
          apiToken: kd.credentials.apiToken,
          baseUrl: kd.credentials.baseUrl,
        }),
      ),
      jumpcloud: await count(
        jumpcloud.createJumpCloudConnector({
          apiKey: jc.credentials.apiKey,
          orgId: jc.credentials.orgId,
          baseUrl: jc.credentials.baseUrl,
        }),
      ),
    };
    for (const [vendor, n] of Object.entries(counts)) {
      if (n < 11) throw new Error(`cts consumer: ${vendor} listed ${n} accounts, expected 12`);
    }
    console.log(`cts consumer: ${JSON.stringify(counts)}`);
  } finally {
    await Promise.all([hx.close(), kd.close(), jc.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
