// The per-language translator (src/lib/i18n.ts): plain lookups are remembered, but placeholders,
// plurals and another namespace still go through i18next, in the right language.
import { describe, expect, it } from 'vitest';
import { directionOf, supportedLanguage, translator } from '../../src/lib/i18n.js';

describe('translator', () => {
  it('translates plain keys, and the same function is handed out again', () => {
    const de = translator('de');
    expect(de('Switch Account')).toBe('Konto wechseln');
    expect(de('Switch Account')).toBe('Konto wechseln');
    expect(translator('de-AT')).toBe(de);
    expect(translator('en')('Switch Account')).toBe('Switch Account');
  });

  it('fills placeholders per call (never a remembered first answer)', () => {
    const de = translator('de');
    expect(de('Hello, {{name}}!', { name: 'Ada' })).toBe('Hallo, Ada!');
    expect(de('Hello, {{name}}!', { name: 'Grace' })).toBe('Hallo, Grace!');
  });

  it('looks up another namespace when asked, in the same language', () => {
    expect(translator('de')('The code is not correct.', { ns: 'messages' })).toBe('Der Code ist nicht korrekt.');
    expect(translator('ar')('The code is not correct.', { ns: 'messages' })).toBe('الرمز غير صحيح.');
  });

  it('answers an unknown language in English and knows which languages are right-to-left', () => {
    expect(supportedLanguage('fr')).toBeUndefined();
    expect(translator('fr')('Switch Account')).toBe('Switch Account');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
  });
});
