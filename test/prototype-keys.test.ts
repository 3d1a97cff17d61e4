// Upstream text used as a lookup key never reaches Object.prototype: a licence, or a served file's
// extension, spelled like a property every object has is just text.
import { describe, expect, it } from 'vitest';
import { canonicalLicense } from '../crawler/license.ts';

/** Every name a plain object answers without owning it, and the classic pollution keys. */
const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'];

describe('lookups keyed by upstream text', () => {
  it('a licence named like an Object.prototype property stays that text', () => {
    for (const name of PROTOTYPE_NAMES) {
      const id = canonicalLicense(name);
      expect(typeof id, name).toBe('string');
      expect(id, name).toBe(name.toLowerCase().replace(/_+/g, '-').replace(/^-|-$/g, ''));
    }
    // The aliases still apply.
    expect(canonicalLicense('Apache License 2')).toBe('apache-2.0');
  });
});
