// Issue 15: every key the client area and the emails use exists in every language file, with
// every plural form that language has, and no file holds a key nobody uses.
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, NAMESPACES } from '../../src/lib/i18n.js';
import { collectKeys, placeholders, pluralSuffixes, readMessages } from '../helpers/translation-keys.js';

const { used, dynamic } = collectKeys();

describe('translation keys', () => {
  it('finds the keys in views and sources', () => {
    // A collector that silently found nothing would make every check below pass.
    expect(used.length).toBeGreaterThan(0);
  });

  it('has no key built at run time (it could not be checked)', () => {
    expect(dynamic).toEqual([]);
  });

  for (const language of LANGUAGE_CODES) {
    for (const ns of NAMESPACES) {
      it(`${language}/${ns}.json has every key used, with each plural form, and nothing unused`, () => {
        const messages = readMessages(language, ns);
        const suffixes = pluralSuffixes(language);
        const wanted = used.filter((u) => u.ns === ns);
        const missing = wanted.flatMap((u) =>
          (u.plural ? suffixes.map((s) => u.key + s) : [u.key])
            .filter((k) => typeof messages[k] !== 'string' || messages[k] === '')
            .map((k) => `${k}  (${u.where})`),
        );
        const known = new Set(wanted.flatMap((u) => (u.plural ? suffixes.map((s) => u.key + s) : [u.key])));
        const unused = Object.keys(messages).filter((k) => !known.has(k));
        expect({ missing: [...new Set(missing)], unused }).toEqual({ missing: [], unused: [] });
      });

      it(`${language}/${ns}.json uses only the placeholders its key has`, () => {
        const messages = readMessages(language, ns);
        const wrong = Object.entries(messages).filter(([key, value]) => {
          const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
          const allowed = new Set([...placeholders(base), 'count']);
          return typeof value !== 'string' || placeholders(value).some((p) => !allowed.has(p));
        });
        expect(wrong).toEqual([]);
      });
    }
  }
});
