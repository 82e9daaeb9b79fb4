// A resource the credential may not read is listed as not collected, with why: never as empty,
// and the rest of the bundle is still written and verifies.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKandjiConnector } from '@org/connector-kandji';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvidence, createRequestLog, verifyEvidence } from '../src/index.js';
import { startTenant, type Tenant } from './sandboxes.js';

let tenant: Tenant;
let work: string;

beforeAll(async () => {
  tenant = await startTenant(5);
  work = await mkdtemp(join(tmpdir(), 'evidence-partial-'));
});
afterAll(async () => {
  await tenant?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a resource the credential may not read', () => {
  it('is recorded as not collected with its error code, and the bundle still verifies', async () => {
    const usersOnly = tenant.kandji.control.addCredential({
      permissions: ['Users › List users', 'Users › Get user'],
    });
    const requests = createRequestLog();
    const kandji = createKandjiConnector({
      apiToken: usersOnly.apiToken,
      baseUrl: usersOnly.baseUrl,
      name: 'kandji',
      onEvent: requests.handler('kandji'),
    });
    const { manifest, directory } = await collectEvidence([kandji], {
      out: join(work, 'bundle'),
      requests,
      posture: false,
    });
    expect(manifest.complete).toBe(false);
    const devices = manifest.connections[0]?.resources.find((r) => r.resource === 'devices');
    expect(devices).toMatchObject({ complete: false, error: { code: 'permission' } });
    expect(manifest.notCollected).toContainEqual({
      what: 'kandji/devices',
      reason: expect.stringMatching(/^permission: .+ \(0 entities read before it stopped\)$/),
    });
    const users = manifest.connections[0]?.resources.find((r) => r.resource === 'users');
    expect(users).toMatchObject({ complete: true, entities: 4 });
    expect((await verifyEvidence(directory)).ok).toBe(true);
  });
});
