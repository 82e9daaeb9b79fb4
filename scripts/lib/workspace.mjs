// What the release scripts need to know about the repository, discovered rather than listed, so a
// new package under packages/ is packed, published and smoke-tested without editing a script.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is scripts/lib/workspace.mjs). */
export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Every package a consumer can install: `packages/<dir>/package.json` files not marked private.
 * @returns {{ name: string, dir: string, manifest: Record<string, any> }[]}
 */
export function publishedPackages() {
  const base = join(root, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'package.json')))
    .map((d) => {
      const dir = join(base, d.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name: manifest.name, dir, manifest };
    })
    .filter((p) => p.manifest.private !== true)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The binaries of the workspace's own toolchain (tsc, changeset), for runs outside pnpm. */
export function bin(name) {
  return join(root, 'node_modules', '.bin', name);
}
