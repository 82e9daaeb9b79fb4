// `connector-kit sandbox`: starts a sandbox of every registered vendor and keeps them up until Ctrl-C, printing
// what another shell needs to use them.
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';
import { sandboxConnectionsFile } from '../sandbox/connections-file.js';
import { sandboxConnections, startSandboxes } from '../sandbox/start.js';

/** Options of {@link sandbox}. */
export interface SandboxCommandOptions {
  json: boolean;
  seed: number;
}

/** Runs the sandboxes until the signal aborts (Ctrl-C), then stops them and exits 0. */
export async function sandbox(io: CliIo, o: SandboxCommandOptions): Promise<ExitCode> {
  const sandboxes = await startSandboxes(o.seed);
  try {
    const connections = sandboxConnections(sandboxes);
    const file = sandboxConnectionsFile(connections);
    const vendors = Object.fromEntries(sandboxes.running.map((r) => [r.vendor, r.sandbox]));
    if (o.json) {
      const out = Object.fromEntries(
        Object.entries(vendors).map(([vendor, s]) => [
          vendor,
          { url: s.url, credentials: s.credentials },
        ]),
      );
      await write(
        io.stdout,
        `${JSON.stringify({ sandboxes: out, env: file.env, connectionsFile: file.yaml })}\n`,
      );
    } else {
      const lines = [
        'sandboxes on 127.0.0.1 (their data is made up afresh at every start):',
        ...Object.entries(vendors).map(
          ([vendor, s]) => `  ${vendor.padEnd(10)} ${s.url}  ${JSON.stringify(s.credentials)}`,
        ),
        '',
        'to use them from another shell, export:',
        ...Object.entries(file.env).map(([name, value]) => `  export ${name}=${value}`),
        '',
        'and save as connections.yaml:',
        ...file.yaml
          .trimEnd()
          .split('\n')
          .map((line) => `  ${line}`),
        '',
        'Ctrl-C to stop.',
      ];
      await write(io.stdout, `${lines.join('\n')}\n`);
    }
    await new Promise<void>((resolve) => {
      if (!io.signal || io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return EXIT_CODES.ok;
  } finally {
    await sandboxes.close();
  }
}
