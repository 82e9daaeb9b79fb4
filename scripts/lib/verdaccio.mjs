// A real npm registry (Verdaccio) on 127.0.0.1 with its storage in a temporary directory. It is
// installed with npm from tools/verdaccio/package.json into the user's cache, outside the pnpm
// workspace, so neither the packages nor their consumers ever resolve it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { sh } from './consumer.mjs';
import { root } from './workspace.mjs';

/** Installs the pinned Verdaccio once per version of tools/verdaccio/package.json; returns its bin. */
export function installVerdaccio() {
  const manifest = join(root, 'tools', 'verdaccio', 'package.json');
  const hash = createHash('sha256').update(readFileSync(manifest)).digest('hex').slice(0, 12);
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: a script outside turbo, where .ci/run also reads it
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const prefix = join(cache, 'connector-kit', `verdaccio-${hash}`);
  const entry = join(prefix, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  if (!existsSync(entry)) {
    mkdirSync(prefix, { recursive: true });
    copyFileSync(manifest, join(prefix, 'package.json'));
    console.log(`rehearsal: installing Verdaccio into ${prefix}`);
    sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: prefix });
  }
  return entry;
}

/** A port the kernel just handed out on 127.0.0.1 and is free again. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Verdaccio serving only `scope` (no uplink: nothing is proxied, so a same-named package on
 * the public registry can never answer) and registers a publishing user.
 * @returns {Promise<{ url: string, token: string, stop: () => Promise<void> }>}
 */
export async function startVerdaccio(dir, scope) {
  const entry = installVerdaccio();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      'web:',
      '  enable: false',
      'packages:',
      `  '${scope}/*':`,
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [entry, '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Verdaccio exited:\n${output}`);
      const ok = await fetch(`${url}-/ping`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`Verdaccio did not answer in 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const res = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rehearsal', password: 'rehearsal-only-password' }),
    });
    const body = await res.json();
    if (!res.ok || typeof body.token !== 'string') {
      throw new Error(
        `Verdaccio refused the publishing user: ${res.status} ${JSON.stringify(body)}`,
      );
    }
    return { url, token: body.token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
