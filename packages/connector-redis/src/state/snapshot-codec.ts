import {
  type AccountFingerprint,
  AccountFingerprintSchema,
  ConfigError,
  type Snapshot,
  type SyncProgress,
} from '@org/connector-core';
import * as v from 'valibot';

/**
 * Snapshots are stored as the file store writes them: JSON Lines, a header naming the format and
 * how many account lines follow (so a cut value is detected), then one array per account.
 */
const FORMAT = 'connector-kit/snapshot';

const IdentitySchema = v.object({ vendor: v.string(), host: v.string(), tenant: v.string() });

const HeaderSchema = v.object({
  format: v.literal(FORMAT),
  version: v.literal(1),
  connection: v.string(),
  vendor: v.string(),
  identity: v.optional(IdentitySchema),
  // Absent in values written before the store kept an epoch.
  epoch: v.optional(v.string()),
  takenAt: v.pipe(v.string(), v.isoTimestamp()),
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  // Progress values only: where the listing stands, and the items skipped so far.
  position: v.optional(v.record(v.string(), v.unknown())),
  skipped: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

// [id, email, name | null, status, rawHash]: arrays, not objects, a third of the bytes.
const RowSchema = v.tuple([v.string(), v.string(), v.nullable(v.string()), v.string(), v.string()]);

/**
 * Encodes a snapshot, or a first sync's progress, as one string (written with a single SET, so it
 * replaces atomically).
 */
export function encodeSnapshot(snapshot: Snapshot | SyncProgress): string {
  const header: v.InferOutput<typeof HeaderSchema> = {
    format: FORMAT,
    version: 1,
    connection: snapshot.connection,
    vendor: snapshot.vendor,
    ...(snapshot.identity
      ? {
          identity: {
            vendor: snapshot.identity.vendor,
            host: snapshot.identity.host,
            tenant: snapshot.identity.tenant,
          },
        }
      : {}),
    ...(snapshot.epoch === undefined ? {} : { epoch: snapshot.epoch }),
    takenAt: snapshot.takenAt.toISOString(),
    count: snapshot.accounts.size,
    ...('position' in snapshot
      ? { position: { ...snapshot.position }, skipped: snapshot.skipped }
      : {}),
  };
  const lines = [JSON.stringify(header)];
  for (const [id, fp] of snapshot.accounts) {
    lines.push(JSON.stringify([id, fp.email, fp.name ?? null, fp.status, fp.rawHash]));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Decodes what {@link encodeSnapshot} wrote, validating every line.
 *
 * @throws ConfigError naming the key and the line when the value is not a whole snapshot.
 */
export function decodeSnapshot(text: string, key: string): Snapshot | SyncProgress {
  const invalid = (line: number, why: string) =>
    new ConfigError(
      `Redis key ${key} is not a valid snapshot (line ${line}: ${why}); delete it to start a new baseline`,
    );
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let header: v.InferOutput<typeof HeaderSchema> | undefined;
  const accounts = new Map<string, AccountFingerprint>();
  lines.forEach((line, i) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw invalid(i + 1, 'not JSON');
    }
    if (!header) {
      const result = v.safeParse(HeaderSchema, parsed);
      if (!result.success) throw invalid(i + 1, 'bad header');
      header = result.output;
      return;
    }
    const row = v.safeParse(RowSchema, parsed);
    if (!row.success) throw invalid(i + 1, 'bad account row');
    const [id, email, name, status, rawHash] = row.output;
    const fp = v.safeParse(AccountFingerprintSchema, {
      email,
      name: name ?? undefined,
      status,
      rawHash,
    });
    if (!fp.success) throw invalid(i + 1, 'bad account row');
    accounts.set(id, fp.output);
  });
  if (!header) throw invalid(1, 'empty value');
  if (accounts.size !== header.count) {
    throw invalid(lines.length, `${accounts.size} accounts where the header says ${header.count}`);
  }
  return {
    connection: header.connection,
    vendor: header.vendor,
    ...(header.identity ? { identity: header.identity } : {}),
    ...(header.epoch === undefined ? {} : { epoch: header.epoch }),
    takenAt: new Date(header.takenAt),
    accounts,
    ...(header.position ? { position: header.position, skipped: header.skipped ?? 0 } : {}),
  };
}
