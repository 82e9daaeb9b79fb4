// What `connector-kit sandbox` prints so another shell can use the running sandboxes: a
// connections file whose secrets are environment references, and the variables to export.
import { stringify } from 'yaml';
import type { LoadedConnection } from '../connections/load.js';
import { VENDORS } from '../vendors/registry.js';

/** A connections file for `connections` and the environment it reads. */
export interface SandboxConnectionsFile {
  /** The file, as YAML. */
  yaml: string;
  /** The variables it reads, with their values. */
  env: Record<string, string>;
}

const variableName = (connection: string, field: string) =>
  `${connection}_${field}`
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/\W+/g, '_')
    .toUpperCase();

/** Writes `connections` as a connections file, each secret moved into an environment variable. */
export function sandboxConnectionsFile(
  connections: readonly LoadedConnection[],
): SandboxConnectionsFile {
  const env: Record<string, string> = {};
  const entries = connections.map((c) => {
    const entry: Record<string, unknown> = { ...c.settings };
    for (const secret of VENDORS[c.vendor]?.secrets ?? []) {
      // Sandbox secrets are top-level fields (nested ones, like a service account, are not used).
      const value = entry[secret];
      if (typeof value !== 'string') continue;
      const name = variableName(c.name, secret);
      env[name] = value;
      entry[secret] = { env: name };
    }
    return entry;
  });
  return { yaml: stringify({ connections: entries }), env };
}
