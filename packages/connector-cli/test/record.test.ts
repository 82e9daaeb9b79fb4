import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { leaksSecret, readRecording, type Sandbox, startReplay } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers/run.js';
import { startTenants, type Tenants, writeConnections } from './helpers/tenants.js';

const SEED = 5;
let t: Tenants;
const replays: Sandbox[] = [];
beforeAll(async () => {
  t = await startTenants(SEED);
});
afterAll(async () => {
  await Promise.all(replays.map((r) => r.close()));
  await t.close();
});

interface Recorded {
  personalData: string;
  recordings: Array<{ connection: string; file: string; requests: number }>;
}

/** Starts a replay of each recording and writes `<name>` connections file pointing at them. */
async function replayAll(recorded: Recorded, name: string) {
  const [hexnode, kandji, jumpcloud] = await Promise.all(
    recorded.recordings.map(async (r) => {
      const replay = await startReplay(await readFile(r.file, 'utf8'), { seed: SEED });
      replays.push(replay);
      return replay;
    }),
  );
  const h = hexnode as Sandbox<'hexnode'>;
  const k = kandji as Sandbox<'kandji'>;
  const j = jumpcloud as Sandbox<'jumpcloud'>;
  const env = await writeConnections(join(t.dir, name), { hexnode: h, kandji: k, jumpcloud: j });
  // Each tenant's host stands for its replay's: a connection's identity names its host.
  const hosts = (text: string) =>
    [
      [t.hexnode.url, h.url, 'HEXNODE'],
      [t.kandji.url, k.url, 'KANDJI'],
      [t.jumpcloud.url, j.url, 'JUMPCLOUD'],
    ].reduce(
      (out, [a, b, name]) =>
        out
          .replaceAll(new URL(a as string).host, name as string)
          .replaceAll(new URL(b as string).host, name as string),
      text,
    );
  return { env, hosts };
}

describe('record', () => {
  it('recorded against the sandboxes and replayed, every connection gives the same accounts and graph', async () => {
    const r = await run(['record', '--out', 'kept', '--keep-personal-data', '--json', '-q'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const recorded = JSON.parse(r.stdout) as Recorded;
    expect(recorded.personalData).toBe('kept');
    expect(recorded.recordings.map((x) => x.connection)).toEqual([
      'hexnode-main',
      'kandji-main',
      'jumpcloud-main',
    ]);
    const { env, hosts } = await replayAll(recorded, 'replay.yaml');
    const over = (args: string[], file?: string) =>
      run([...args, '-q', ...(file ? ['-c', file] : [])], {
        env: file ? env : t.env,
        cwd: t.dir,
      });

    const accounts = await over(['accounts', '--json', '--raw']);
    const replayedAccounts = await over(['accounts', '--json', '--raw'], 'replay.yaml');
    expect(replayedAccounts.code, replayedAccounts.stderr).toBe(0);
    expect(accounts.stdout.trimEnd().split('\n').length).toBeGreaterThan(30);
    expect(replayedAccounts.stdout).toBe(accounts.stdout);

    const graph = await over(['graph', '--format', 'ndjson']);
    const replayedGraph = await over(['graph', '--format', 'ndjson'], 'replay.yaml');
    expect(replayedGraph.code, replayedGraph.stderr).toBe(0);
    expect(graph.stdout.length).toBeGreaterThan(10_000);
    expect(hosts(replayedGraph.stdout)).toBe(hosts(graph.stdout));
  });

  it('by default keeps no secret and no original email, yet a person still joins across connections', async () => {
    const r = await run(['record', '--out', 'faked', '--json', '-q'], { env: t.env, cwd: t.dir });
    expect(r.code, r.stderr).toBe(0);
    const recorded = JSON.parse(r.stdout) as Recorded;
    expect(recorded.personalData).toBe('pseudonymised');
    const text = (await Promise.all(recorded.recordings.map((x) => readFile(x.file, 'utf8')))).join(
      '\n',
    );
    for (const x of recorded.recordings) {
      expect(readRecording(await readFile(x.file, 'utf8')).log._connectorKit).toMatchObject({
        credentials: 'removed',
        personalData: 'pseudonymised',
      });
    }
    const secrets = [t.env.HEXNODE_API_KEY, t.env.KANDJI_API_TOKEN, t.env.JC_API_KEY] as string[];
    expect(leaksSecret(text, secrets)).toBe(false);
    const emails = [t.hexnode, t.kandji, t.jumpcloud].flatMap((s) =>
      s.control.users().flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])),
    );
    expect(emails.length).toBeGreaterThan(30);
    const lower = text.toLowerCase();
    expect(emails.filter((e) => lower.includes(e))).toEqual([]);

    const { env } = await replayAll(recorded, 'faked.yaml');
    const people = async (args: string[]) => {
      const g = await run(['graph', '--json', '-q', ...args], {
        env: args.length ? env : t.env,
        cwd: t.dir,
      });
      expect(g.code, g.stderr).toBe(0);
      return (JSON.parse(g.stdout) as { counts: { entities: Record<string, number> } }).counts
        .entities;
    };
    // One fake per person across connections: the graph joins as many people as before.
    expect(await people(['-c', 'faked.yaml'])).toEqual(await people([]));
  });
});
