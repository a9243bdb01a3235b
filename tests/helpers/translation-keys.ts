// Collects every translation key the product uses, for the key check (tests/unit/i18n-keys.test.ts).
// Keys are the English text (src/lib/i18n.ts). Where a key is used decides its namespace:
//   t('...') in views/emails/ and src/services/mail/      -> emails
//   t('...') in any other client-area view or in src/      -> client
//   msg('...') anywhere in src/                            -> messages
//   t('...', { ns: 'messages' }) names its namespace itself
// A call with `count` in its options is a plural: the files then hold key_one, key_other, ...
// The admin area stays English (README), so views/admin/ and src/http/admin/ are not read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Namespace } from '../../src/lib/i18n.js';

export interface UsedKey {
  ns: Namespace;
  key: string;
  plural: boolean;
  where: string;
}

const ROOT = join(import.meta.dirname, '../..');
const SKIP = [/^views\/admin\//, /^src\/http\/admin\//, /^src\/generated\//, /^src\/cli\//];

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...files(path, ext));
    else if (ext.test(name) && !SKIP.some((re) => re.test(path))) out.push(path);
  }
  return out;
}

/** The text of a call's arguments after its first one, up to the matching ")". */
function restOfCall(text: string, from: number): string {
  let depth = 1;
  let i = from;
  for (; i < text.length && depth > 0; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
  }
  return text.slice(from, i - 1);
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
const CALL = /\b(t|msg)\(\s*(['"`])((?:\\.|(?!\2)[^\\])*)\2/g;

/** Every literal key used in views and sources, and every call whose key is not a literal. */
export function collectKeys(): { used: UsedKey[]; dynamic: string[] } {
  const used: UsedKey[] = [];
  const dynamic: string[] = [];
  const sources = [...files('views', /\.ejs$/), ...files('src', /\.ts$/)];
  for (const path of sources) {
    const text = readFileSync(join(ROOT, path), 'utf8');
    const emailFile = path.startsWith('views/emails/') || path.startsWith('src/services/mail/');
    for (const m of text.matchAll(CALL)) {
      const [whole, fn, quote, raw] = m as unknown as [string, string, string, string];
      const line = text.slice(0, m.index).split('\n').length;
      const where = `${relative(ROOT, join(ROOT, path))}:${line}`;
      if (quote === '`' && raw.includes('${')) {
        dynamic.push(where);
        continue;
      }
      const rest = restOfCall(text, (m.index ?? 0) + whole.length);
      const named = /\bns:\s*['"](\w+)['"]/.exec(rest)?.[1] as Namespace | undefined;
      const ns: Namespace = named ?? (fn === 'msg' ? 'messages' : emailFile ? 'emails' : 'client');
      used.push({ ns, key: unescape(raw), plural: /\bcount\b/.test(rest), where });
    }
  }
  return { used, dynamic };
}

/** locales/<language>/<namespace>.json, read fresh. */
export function readMessages(language: string, ns: Namespace): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'locales', language, `${ns}.json`), 'utf8')) as Record<string, unknown>;
}

/** The plural suffixes i18next uses for a language (Intl's categories: en one/other, ar six). */
export const pluralSuffixes = (language: string): string[] =>
  new Intl.PluralRules(language).resolvedOptions().pluralCategories.map((c) => `_${c}`);

export const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!);
