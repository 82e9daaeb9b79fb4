import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VENDOR_NAMES } from '../src/vendors/registry.js';
import { Collector, run } from './helpers/run.js';

describe('sandbox', () => {
  it('runs a sandbox of every vendor until Ctrl-C, printing what another shell needs to use them', async () => {
    const controller = new AbortController();
    const stdout = new Collector();
    const running = run(['sandbox', '--json'], { signal: controller.signal, stdout });
    await stdout.until(/\n$/);
    const printed = JSON.parse(stdout.text) as {
      sandboxes: Record<string, { url: string; credentials: Record<string, unknown> }>;
      env: Record<string, string>;
      connectionsFile: string;
    };
    expect(Object.keys(printed.sandboxes)).toEqual(VENDOR_NAMES);
    for (const s of Object.values(printed.sandboxes))
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.sandboxes.kandji?.credentials.apiToken).toBe(
      printed.env.KANDJI_SANDBOX_API_TOKEN,
    );
    // The printed connections file holds references, not secrets.
    for (const secret of Object.values(printed.env))
      expect(printed.connectionsFile).not.toContain(secret);

    // From "another shell": the printed file and variables work.
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-shell-'));
    try {
      await writeFile(join(dir, 'connections.yaml'), printed.connectionsFile);
      const verified = await run(['verify', '-q'], { env: printed.env, cwd: dir });
      const ok = [...verified.stdout.matchAll(/^ok +(\S+)/gm)].map((m) => m[1]);
      expect(ok).toEqual(VENDOR_NAMES.map((v) => `${v}-sandbox`));
      expect(verified.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    controller.abort();
    const r = await running;
    expect(r.code).toBe(0);
    // Stopped: nothing listens on their ports any more.
    await expect(fetch(`${printed.sandboxes.kandji?.url}/api/v1/users`)).rejects.toThrow();
  });

  it('prints URLs, exports and the file as text', async () => {
    const controller = new AbortController();
    const stdout = new Collector();
    const running = run(['sandbox'], { signal: controller.signal, stdout });
    await stdout.until(/Ctrl-C to stop\.\n$/);
    controller.abort();
    expect((await running).code).toBe(0);
    expect(stdout.text).toMatch(/^ {2}hexnode {4}http:\/\/127\.0\.0\.1:\d+ {2}\{"apiKey":/m);
    expect(stdout.text).toMatch(/^ {2}export JUMPCLOUD_SANDBOX_API_KEY=\S+$/m);
    expect(stdout.text).toContain('      apiKey:\n        env: JUMPCLOUD_SANDBOX_API_KEY\n');
  });
});

describe('--sandbox', () => {
  it("runs a command against every vendor's sandbox, started and stopped in-process", async () => {
    const r = await run(['accounts', '--sandbox', '--json', '-q']);
    expect(r.code).toBe(0);
    const connections = new Set(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { connection: string }).connection),
    );
    expect([...connections]).toEqual(VENDOR_NAMES.map((v) => `${v}-sandbox`));
  });

  it('polls the sandboxes in a temporary state directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-poll-'));
    try {
      const r = await run(['poll', '--sandbox', '--once', '--only', 'kandji-sandbox', '-q'], {
        cwd: dir,
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/kandji-sandbox run 1: baseline of 45 accounts/);
      // Nothing left in the working directory: the sandbox's snapshot would be another tenant's next time.
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
