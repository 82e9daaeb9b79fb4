import { ValidationError } from '@org/connector-core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorOnManualClock } from '../../test/helpers/drive.js';

const BASE = 'https://console.jumpcloud.com';
const KEY = 'jc-key-0123456789';
const SECRET = 'pw-RECOVERY-7f3a9c2e5b1d';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const detail = (extra: Record<string, unknown> = {}) => ({
  id: 'p1',
  name: 'FileVault 2 - macOS',
  template: { name: 'darwin_FileVault', osMetaFamily: 'darwin' },
  configFields: [
    { id: 'f1', name: 'escrow', sensitive: false },
    { id: 'f2', sensitive: true },
  ],
  values: [
    { configFieldID: 'f1', sensitive: false, value: 'true' },
    { configFieldID: 'f2', sensitive: true, value: SECRET },
  ],
  ...extra,
});

describe('policies.get(): a sensitive value never surfaces', () => {
  it('not in the policy, nor in events', async () => {
    nock(BASE).get('/api/v2/policies/p1').reply(200, detail());
    const events: unknown[] = [];
    const { jc, run } = connectorOnManualClock({ apiKey: KEY, onEvent: (e) => events.push(e) });
    const policy = await run(jc.policies.get('p1'));
    expect(policy.values).toEqual([
      { configFieldID: 'f1', sensitive: false, value: 'true' },
      { configFieldID: 'f2', sensitive: true },
    ]);
    expect(JSON.stringify([policy, events])).not.toContain(SECRET);
  });

  it('not in a validation error about the same policy', async () => {
    nock(BASE)
      .get('/api/v2/policies/p1')
      .reply(200, detail({ name: 42 }));
    const { jc, run } = connectorOnManualClock({ apiKey: KEY });
    const error = await run(jc.policies.get('p1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    const everything = JSON.stringify({ json: e.toJSON(), message: e.message, stack: e.stack });
    expect(everything).not.toContain(SECRET);
    expect(String(e.cause ?? '')).not.toContain(SECRET);
  });
});
