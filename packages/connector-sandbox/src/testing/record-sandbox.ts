import type { Vendor } from '../options.js';
import type { Recording } from '../record/format.js';
import { createRecorder } from '../record/recorder.js';
import { startSandbox } from '../sandbox.js';
import type { ConformanceAdapter } from './conformance/adapter.js';
import { factsOf } from './conformance/vendors.js';

/**
 * A recording of a connector reading its vendor's sandbox (`verify()`, then every account), for
 * tests that run over a recording: `conformanceCases({ ...adapter, replay })` runs the whole
 * suite over it, as over a real tenant's recording.
 *
 * @param adapter - The vendor and how to build its connector (given the recorder's `fetch`).
 * @param o - Users in the sandbox (default 120) and whether personal data is kept (default: faked).
 */
export async function recordSandbox<V extends Vendor>(
  adapter: ConformanceAdapter<V>,
  o: { users?: number; personalData?: 'pseudonymise' | 'keep' } = {},
): Promise<Recording> {
  const sandbox = await startSandbox<V>({
    vendor: adapter.vendor,
    size: { users: o.users ?? 120 },
    limits: false,
  } as Parameters<typeof startSandbox<V>>[0]);
  try {
    const recorder = createRecorder({
      vendor: adapter.vendor,
      secrets: (adapter.secrets ?? factsOf(adapter.vendor).secrets)(sandbox.credentials),
      personalData: o.personalData,
    });
    const connector = adapter.connect(sandbox.credentials, { fetch: recorder.fetch });
    await connector.verify();
    for await (const _ of connector.accounts()) {
      // every account, recorded
    }
    return recorder.recording();
  } finally {
    await sandbox.close();
  }
}
