import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function versionOf(name: string, from: string): string | undefined {
  try {
    const file = createRequire(from).resolve(`${name}/package.json`);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Versions of this package, the graph, core and posture, and each vendor's connector package when it can
 * be found (from this package or the host's working directory), merged with `extra`.
 */
export function packageVersions(
  vendors: readonly string[],
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const names = [
    '@org/connector-evidence',
    '@org/connector-graph',
    '@org/connector-core',
    '@org/connector-posture',
    ...[...new Set(vendors)].map((v) => `@org/connector-${v}`),
  ];
  for (const name of names) {
    const version =
      versionOf(name, import.meta.url) ?? versionOf(name, join(process.cwd(), 'package.json'));
    if (version) out[name] = version;
  }
  out.node = process.version;
  return { ...out, ...extra };
}
