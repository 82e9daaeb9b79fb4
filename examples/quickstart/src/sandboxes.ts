// The embedded default: one sandbox per vendor without credentials, one company: the same seed and
// email domain everywhere, so the same index is the same person with the same email in every
// vendor. Then the data is shaped like a real company's:
// the directory (JumpCloud) has lost a few people the device tools still hold, and Kandji holds
// people who never got a directory account.
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import type { Vendor } from './vendors.ts';

/** Users per sandbox. Hexnode's first user is its "Default User", which has no email. */
export const DEMO_SIZES: Readonly<Record<Vendor, number>> = {
  hexnode: 201,
  kandji: 260,
  jumpcloud: 240,
};

/** The demo company's email domain, shared by every sandbox. */
export const DEMO_EMAIL_DOMAIN = 'acme.example';

/** Share of JumpCloud users removed before the demo reads anything: people offboarded from the directory. */
export const OFFBOARDED_SHARE = 0.05;

/** Users each sandbox adds before the poll. */
export const NEW_USERS: Readonly<Record<Vendor, number>> = {
  hexnode: 2,
  kandji: 2,
  jumpcloud: 3,
};

/** Running sandboxes, by vendor. */
export type DemoSandboxes = Partial<{ [V in Vendor]: Sandbox<V> }>;

/** A small seeded generator (mulberry32), so the same seed offboards the same people. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts a sandbox for each of `vendors`, with overlapping people, and shapes the directory. */
export async function startDemoSandboxes(
  vendors: readonly Vendor[],
  seed: number,
): Promise<DemoSandboxes> {
  const sandboxes: DemoSandboxes = {};
  try {
    for (const vendor of vendors) {
      const common = { seed, emailDomain: DEMO_EMAIL_DOMAIN, size: { users: DEMO_SIZES[vendor] } };
      if (vendor === 'hexnode') sandboxes.hexnode = await startSandbox({ vendor, ...common });
      if (vendor === 'kandji') sandboxes.kandji = await startSandbox({ vendor, ...common });
      if (vendor === 'jumpcloud') sandboxes.jumpcloud = await startSandbox({ vendor, ...common });
    }
    if (sandboxes.jumpcloud) await offboard(sandboxes.jumpcloud, seed);
  } catch (error) {
    await closeSandboxes(sandboxes);
    throw error;
  }
  return sandboxes;
}

/** Removes a seeded sample of the directory's users, as an admin offboarding people would. */
async function offboard(sandbox: Sandbox<'jumpcloud'>, seed: number): Promise<void> {
  const c = sandbox.credentials;
  const admin = createJumpCloudConnector({ apiKey: c.apiKey, orgId: c.orgId, baseUrl: c.baseUrl });
  const ids: string[] = [];
  for await (const user of admin.users.list()) ids.push(user._id);
  const next = random(seed);
  const count = Math.round(ids.length * OFFBOARDED_SHARE);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(ids[Math.floor(next() * ids.length)] as string);
  sandbox.control.removeUsers([...chosen]);
}

/** Has every sandbox add its new users; returns their ids by vendor. */
export function addNewUsers(sandboxes: DemoSandboxes): Partial<Record<Vendor, string[]>> {
  const added: Partial<Record<Vendor, string[]>> = {};
  for (const vendor of Object.keys(sandboxes) as Vendor[]) {
    const sandbox = sandboxes[vendor];
    if (!sandbox) continue;
    added[vendor] = sandbox.control.addUsers(NEW_USERS[vendor]).map((u) => String(u.id));
  }
  return added;
}

/** Stops every sandbox. */
export async function closeSandboxes(sandboxes: DemoSandboxes): Promise<void> {
  await Promise.all(Object.values(sandboxes).map((s) => s?.close()));
}
