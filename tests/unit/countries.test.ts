// Issue 13, bug 3: the country list comes from a maintained ISO 3166-1 list, so it has no
// duplicates from withdrawn codes (Benin as DY, Burkina Faso as HV, ...) and no regions.
import { describe, expect, it } from 'vitest';
import { COUNTRIES, countryName, isCountryCode } from '../../src/lib/countries.js';
import { registerForm } from '../../src/http/schemas/auth.js';

describe('country list', () => {
  it('names every country once', () => {
    const names = COUNTRIES.map((c) => c.name);
    const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
    expect(duplicates).toEqual([]);
    for (const name of ['Benin', 'Burkina Faso', 'United Kingdom', 'Vanuatu', 'Vietnam', 'Zimbabwe']) {
      expect(names.filter((n) => n === name)).toHaveLength(1);
    }
  });

  it('has the ISO 3166-1 codes and nothing withdrawn or made up', () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(249);
    for (const code of ['US', 'GB', 'DE', 'BJ', 'BF', 'VN', 'ZW', 'VU']) expect(isCountryCode(code)).toBe(true);
    // Withdrawn (Dahomey, Upper Volta, New Hebrides, ...), groupings and placeholders.
    for (const code of ['DY', 'HV', 'NH', 'VD', 'RH', 'BU', 'YU', 'SU', 'EU', 'EZ', 'UN', 'QO', 'ZZ', 'AN', 'XA'])
      expect(isCountryCode(code), code).toBe(false);
    expect(COUNTRIES.map((c) => c.name)).not.toContain('European Union');
    expect(countryName('GB')).toBe('United Kingdom');
  });

  it('is in alphabetical order', () => {
    const names = COUNTRIES.map((c) => c.name);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
  });

  it('the forms refuse a code that is not on the list', () => {
    const result = registerForm.safeParse({ country: 'DY' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === 'country')?.message).toBe(
      'Choose your country from the list.',
    );
  });
});
