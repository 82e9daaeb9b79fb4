// The built executable in a real process: exit codes, signals and a closed pipe.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function start(args: string[]): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {},
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exited };
}

describe('connector-kit (the executable)', () => {
  it('prints its version', async () => {
    const r = await start(['--version']).exited;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('exits 2 with one line for bad input', async () => {
    const r = await start(['verify', '--connections', '/nonexistent/connections.yaml']).exited;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^connector-kit: connections file \/nonexistent\/connections\.yaml not found: .+\n$/,
    );
  });

  it('keeps the sandboxes up until SIGINT, then exits 0', async () => {
    const { child, exited } = start(['sandbox']);
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stdout?.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes('Ctrl-C to stop.')) resolve();
      });
    });
    child.kill('SIGINT');
    const r = await exited;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}kandji {5}http:\/\/127\.0\.0\.1:\d+/m);
  });

  it('ends quietly when its reader goes away', async () => {
    const { child, exited } = start(['accounts', '--sandbox', '-q']);
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    child.stdout?.destroy();
    const r = await exited;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
