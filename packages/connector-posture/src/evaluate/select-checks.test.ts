import { describe, expect, it } from 'vitest';
import { defaultChecks } from '../checks/index.js';
import { frameworkNamed, selectChecks } from './select-checks.js';

const ids = (checks: readonly { id: string }[]) => checks.map((c) => c.id);

describe('selectChecks', () => {
  it('keeps ids and patterns, leaves out others, in the built-in order', () => {
    const kept = selectChecks(defaultChecks, {
      include: ['jumpcloud.admin.*', 'kandji.device.filevault_off'],
      exclude: ['jumpcloud.admin.api_key'],
    });
    expect(ids(kept)).toEqual([
      'jumpcloud.admin.mfa_disabled',
      'jumpcloud.admin.too_many',
      'jumpcloud.admin.billing_too_many',
      'kandji.device.filevault_off',
    ]);
  });

  it('keeps severities and one framework', () => {
    const critical = selectChecks(defaultChecks, { severities: ['critical'] });
    expect(ids(critical)).toEqual(['jumpcloud.admin.mfa_disabled', 'okta.admin.mfa_not_enrolled']);
    const soc2 = selectChecks(defaultChecks, { framework: 'soc2' });
    expect(soc2.length).toBe(
      defaultChecks.filter((c) => c.frameworks.some((f) => f.framework === 'SOC 2')).length,
    );
    // A check mapped only to SOC 2 and ISO (no CIS safeguard) is not a CIS check.
    const cis = ids(selectChecks(defaultChecks, { framework: 'CIS' }));
    expect(cis).not.toContain('jumpcloud.user.password_never_expires');
    expect(ids(soc2)).toContain('jumpcloud.user.password_never_expires');
  });

  it('refuses a name that selects nothing and a framework it does not know', () => {
    expect(() => selectChecks(defaultChecks, { include: ['jumpcloud.user.mfa'] })).toThrow(
      'no check matches "jumpcloud.user.mfa"',
    );
    expect(() => selectChecks(defaultChecks, { exclude: ['jamf.*'] })).toThrow(
      'no check matches "jamf.*"',
    );
    expect(() => selectChecks(defaultChecks, { framework: 'pci' })).toThrow(
      'unknown framework "pci": use one of CIS Controls v8, SOC 2, ISO/IEC 27001:2022',
    );
  });
});

describe('frameworkNamed', () => {
  it('reads full names in any spelling and the short ones', () => {
    expect(frameworkNamed('SOC 2')).toBe('SOC 2');
    expect(frameworkNamed('soc2')).toBe('SOC 2');
    expect(frameworkNamed('cis controls v8')).toBe('CIS Controls v8');
    expect(frameworkNamed('cis')).toBe('CIS Controls v8');
    expect(frameworkNamed('ISO27001')).toBe('ISO/IEC 27001:2022');
    expect(frameworkNamed('iso/iec 27001:2022')).toBe('ISO/IEC 27001:2022');
    expect(frameworkNamed('nist')).toBeUndefined();
  });
});
