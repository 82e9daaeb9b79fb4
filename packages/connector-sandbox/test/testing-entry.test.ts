import { describe, expect, it } from 'vitest';
import { SANDBOX_VENDOR_NAMES } from '../src/index.js';
import { conformanceCases, startSandboxes } from '../src/testing.js';

describe('startSandboxes', () => {
  it('starts a sandbox of every vendor for one company, limits off, and closes them', async () => {
    const t = await startSandboxes({
      seed: 5,
      size: { kandji: { users: 4 }, hexnode: { users: 6 } },
    });
    try {
      expect([t.hexnode.vendor, t.kandji.vendor, t.jumpcloud.vendor]).toEqual([
        'hexnode',
        'kandji',
        'jumpcloud',
      ]);
      expect(t.kandji.control.users()).toHaveLength(4);
      // user index i is the same person everywhere (Hexnode's index 0 is its Default User)
      const kandji = t.kandji.control.users().map((u) => u.email);
      const jumpcloud = t.jumpcloud.control.users().map((u) => u.email);
      expect(jumpcloud.slice(0, 4)).toEqual(kandji);
      expect(kandji.every((e) => e?.endsWith('@acme.example'))).toBe(true);
      // Every registered vendor, each with the secrets its folder declares.
      expect(t.secrets).toEqual([
        t.hexnode.credentials.apiKey,
        t.kandji.credentials.apiToken,
        t.jumpcloud.credentials.apiKey,
        t.jumpcloud.credentials.oauthClient.clientSecret,
        t.okta.credentials.apiToken,
        t.okta.credentials.oauthClient.privateKey,
      ]);
      // limits off: far more than Hexnode's 30 a minute go through
      const statuses = await Promise.all(
        Array.from({ length: 40 }, () =>
          fetch(`${t.hexnode.credentials.baseUrl}users/`, {
            headers: { authorization: t.hexnode.credentials.apiKey },
          }).then((r) => r.status),
        ),
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await t.close();
    }
    await expect(fetch(`${t.kandji.url}/api/v1/users`)).rejects.toThrow();
  });

  it('starts only the vendors asked for', async () => {
    const t = await startSandboxes({ vendors: ['okta'], size: { okta: { users: 3 } } });
    try {
      expect(Object.keys(t).sort()).toEqual(['close', 'okta', 'secrets']);
      expect(t.okta.control.users().length).toBeLessThanOrEqual(3);
    } finally {
      await t.close();
    }
  });
});

describe('conformanceCases', () => {
  it('names every case once, for each vendor, without starting anything', () => {
    for (const vendor of SANDBOX_VENDOR_NAMES) {
      const cases = conformanceCases({
        vendor,
        connect: () => {
          throw new Error('not called until a case runs');
        },
      });
      expect(cases.length).toBeGreaterThanOrEqual(25);
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    }
  });
});
