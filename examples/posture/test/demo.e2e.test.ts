import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.ts';

describe('the posture demo', () => {
  it("prints the misconfigured tenant's findings by severity and the fix as resolved", async () => {
    const lines: string[] = [];
    const { before, diff } = await runDemo({
      scenario: 'misconfigured',
      seed: 7,
      log: (l) => lines.push(l),
    });
    const headings = lines.filter((l) => /^[A-Z ]+ \(\d+\)$/.test(l));
    // Every check fires on its planted flaw, and with the opt-in reads none is left unevaluated.
    expect(headings).toEqual(['CRITICAL (2)', 'HIGH (18)', 'MEDIUM (31)', 'LOW (13)']);
    expect(before.findings).toHaveLength(64);
    expect(before.notEvaluated).toEqual([]);
    expect(lines).toContain('AFTER ENROLLING 1 USER(S) IN MFA');
    expect(diff.resolved.map((f) => f.checkId)).toEqual(['jumpcloud.user.mfa_not_enrolled']);
    expect(diff.new).toEqual([]);
    expect(diff.stillOpen).toHaveLength(63);
  });

  it('prints no finding on the clean tenant', async () => {
    const lines: string[] = [];
    const { before } = await runDemo({ scenario: 'clean', seed: 7, log: (l) => lines.push(l) });
    expect(before.findings).toEqual([]);
    expect(lines).toContain('No open findings.');
  });
});
