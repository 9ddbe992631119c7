import { describe, expect, it } from 'vitest';
import { labelsHash, xxhash64 } from '../../../src/promql/engine/hash.js';

describe('xxhash64 (labels.Hash, used by limit_ratio)', () => {
  it('matches the reference values', () => {
    const hex = (s: string): string => xxhash64(new TextEncoder().encode(s)).toString(16);
    expect(hex('')).toBe('ef46db3751d8e999');
    expect(hex('a')).toBe('d24ec4f1a98c6e5b');
    expect(hex('abc')).toBe('44bc2cf5ad770999');
    // Inputs of 32 bytes and more take the four-lane path.
    expect(hex('x'.repeat(100))).toBe('92f0de5a88a3c094');
  });

  it('hashes label sets as name 0xff value 0xff … in name order', () => {
    expect(labelsHash({ job: 'api', __name__: 'http_requests' }).toString(16)).toBe('86a960f3cc79e0bd');
  });
});
