import type { LoadedConnection } from '../connections/load.js';
import { VENDORS } from '../vendors/registry.js';

/**
 * Which credential a connection uses, without the secret: the secret fields it fills
 * (`apiKey`, `serviceAccount.clientSecret`) and the plain fields beside a nested one (a service
 * account's `clientId`). What an evidence manifest records as "collected with".
 */
export function credentialOf(connection: LoadedConnection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of VENDORS[connection.vendor]?.secrets ?? []) {
    const parts = path.split('.');
    let holder: unknown = connection.settings;
    for (const part of parts.slice(0, -1)) {
      holder = (holder as Record<string, unknown> | undefined)?.[part];
    }
    const last = parts[parts.length - 1] ?? path;
    const record = holder as Record<string, unknown> | undefined;
    if (typeof record?.[last] !== 'string') continue;
    out.credential = out.credential ? `${out.credential}, ${path}` : path;
    if (parts.length > 1) {
      for (const [k, v] of Object.entries(record ?? {})) {
        if (k !== last && typeof v === 'string') out[`${parts.slice(0, -1).join('.')}.${k}`] = v;
      }
    }
  }
  return out;
}
