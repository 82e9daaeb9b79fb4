import type { GraphEntity } from '@org/connector-graph';
import { describe, expect, it } from 'vitest';
import { comparableVersion, OS_BASELINE, osFamilyOf } from './versions.js';

const device = (fields: Record<string, string>): GraphEntity => ({
  _key: 'k:device:1',
  _type: 'x_device',
  _class: ['Device'],
  _kind: 'device',
  _source: 'k/devices',
  displayName: 'd',
  ...fields,
});

describe('version baselines', () => {
  it('are data with the date they were last checked', () => {
    expect(OS_BASELINE.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(OS_BASELINE.minimum.macOS).toBeDefined();
  });

  it("tell a device's OS family from the data model's osType and the vendor's names", () => {
    expect(osFamilyOf(device({ osType: 'darwin' }))).toBe('macOS');
    expect(osFamilyOf(device({ osType: 'ios', deviceFamily: 'iPad' }))).toBe('iPadOS');
    expect(osFamilyOf(device({ osType: 'ios', deviceFamily: 'AppleTV' }))).toBe('tvOS');
    expect(osFamilyOf(device({ osType: 'ios', osName: 'iOS' }))).toBe('iOS');
    expect(osFamilyOf(device({ osType: 'linux', osName: 'Ubuntu' }))).toBe('Ubuntu');
    expect(osFamilyOf(device({ osType: 'linux', osName: 'Debian' }))).toBeUndefined();
  });

  it('compare Windows builds and editions as the release they are', () => {
    expect(comparableVersion('Windows', '10.0.26100')).toBe('11');
    expect(comparableVersion('Windows', '10.0.19045')).toBe('10');
    expect(comparableVersion('Windows', '11 Pro')).toBe('11');
    expect(comparableVersion('macOS', '15.6')).toBe('15.6');
  });
});
