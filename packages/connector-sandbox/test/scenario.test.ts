import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';

const EPOCH = Date.UTC(2026, 5, 1);

async function get(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  return (await res.json()) as unknown;
}

describe('posture scenarios', () => {
  it('start a small tenant: every JumpCloud user is MFA-enrolled when clean', async () => {
    const sb = await startSandbox({
      vendor: 'jumpcloud',
      scenario: 'clean',
      epochMs: EPOCH,
      limits: false,
    });
    try {
      const h = { 'x-api-key': sb.credentials.apiKey };
      const users = (await get(`${sb.url}/api/systemusers?limit=100`, h)) as {
        totalCount: number;
        results: Array<{ state: string; mfaEnrollment: { overallStatus: string } }>;
      };
      expect(users.totalCount).toBe(12);
      expect(
        new Set(users.results.map((u) => `${u.state}/${u.mfaEnrollment.overallStatus}`)),
      ).toEqual(new Set(['ACTIVATED/ENROLLED']));
      const systems = (await get(`${sb.url}/api/systems?limit=100`, h)) as {
        results: Array<{ fde: { active: boolean }; lastContact: string }>;
      };
      expect(
        systems.results.every(
          (s) => s.fde.active && Date.parse(s.lastContact) === EPOCH - 3_600_000,
        ),
      ).toBe(true);
    } finally {
      await sb.close();
    }
  });

  it('put the listed flaws on the named objects when misconfigured', async () => {
    const sb = await startSandbox({
      vendor: 'hexnode',
      scenario: 'misconfigured',
      epochMs: EPOCH,
      limits: false,
    });
    try {
      const devices = (await get(`${sb.url}/api/v1/devices/?per_page=100`, {
        Authorization: sb.credentials.apiKey,
      })) as {
        results: Array<{
          id: number;
          compliant: boolean;
          enrollment_status: string;
          user: { id: number };
        }>;
      };
      expect(devices.results.filter((d) => !d.compliant).map((d) => d.id)).toEqual([1]);
      expect(
        devices.results.filter((d) => d.enrollment_status !== 'Enrolled').map((d) => d.id),
      ).toEqual([4]);
      expect(devices.results.filter((d) => d.user.id === 1).map((d) => d.id)).toEqual([3]);
    } finally {
      await sb.close();
    }
  });

  it('rejects an unknown scenario', async () => {
    await expect(startSandbox({ vendor: 'kandji', scenario: 'broken' as 'clean' })).rejects.toThrow(
      /unknown scenario/,
    );
  });
});
