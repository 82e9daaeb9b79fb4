import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const workspaceSource = (pkg: string, entry = 'index') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url));

/** `@org/<pkg>` and each `@org/<pkg>/<entry>` to its source file; exact matches only. */
const sourceAlias = (pkg: string, entries: string[]) => [
  ...entries.map((entry) => ({
    find: new RegExp(`^@org/${pkg}/${entry}$`),
    replacement: workspaceSource(pkg, entry),
  })),
  { find: new RegExp(`^@org/${pkg}$`), replacement: workspaceSource(pkg) },
];

/**
 * The vitest config every workspace package uses. Each run also writes a JSON report to
 * `.vitest/results.json`, which `scripts/test-summary.mjs` adds up into CI's closing line.
 *
 * @param o.sourceAliases - Resolve `@org/connector-core` and `@org/connector-sandbox` to their
 *   sources, so a connector's tests see a change in core without a rebuild. Examples leave it off
 *   and test the built packages, as a user would get them.
 */
export function workspaceVitestConfig(o: { sourceAliases?: boolean } = {}): ViteUserConfig {
  return defineConfig({
    ...(o.sourceAliases
      ? {
          resolve: {
            alias: [
              ...sourceAlias('connector-core', ['kit', 'testing', 'otel']),
              ...sourceAlias('connector-sandbox', ['testing']),
            ],
          },
        }
      : {}),
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      // End-to-end tests page thousands of items over loopback; on a busy 2-core CI machine running
      // every package at once they can take far longer than vitest's 5 s default. The limit only
      // guards against hangs: no test asserts on wall time.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest/results.json' },
    },
  });
}
