import { describe, expect, it } from 'vitest';
import { atLeast, compareVersions, formatVersion, parseVersion } from '../../src/config/version.js';

describe('versions', () => {
  it('parses leniently but not carelessly', () => {
    expect(parseVersion('v2.42.0')).toEqual([2, 42, 0]);
    expect(parseVersion('3.6')).toEqual([3, 6, 0]);
    expect(parseVersion('3')).toEqual([3, 0, 0]);
    expect(parseVersion('3.8.0-rc.1')).toEqual([3, 8, 0]);
    expect(parseVersion('three')).toBeUndefined();
    expect(parseVersion('2.x')).toBeUndefined();
  });

  it('compares numerically, not as text', () => {
    expect(compareVersions(parseVersion('2.9')!, parseVersion('2.42')!)).toBeLessThan(0);
    expect(atLeast(parseVersion('2.53.1')!, '2.53.0')).toBe(true);
    expect(atLeast(parseVersion('2.42')!, '3.0.0')).toBe(false);
    expect(formatVersion(parseVersion('2.42')!)).toBe('2.42.0');
  });
});
