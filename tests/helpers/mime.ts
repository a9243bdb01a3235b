// Just enough MIME to read what nodemailer sends: headers (unfolded, RFC 2047 words decoded),
// multipart bodies, quoted-printable and base64 parts. mailparser is not a dependency.

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  from: string;
  to: string[];
  /** Decoded text/plain parts, joined. */
  text: string;
  /** Decoded text/html parts, joined. */
  html: string;
  /** Every http(s) link in the text and HTML bodies, in order, without duplicates. */
  links: string[];
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitHeaders(raw: string): Part {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? '' : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  // Unfold continuation lines, then read "Name: value".
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function headerParam(value: string, param: string): string | undefined {
  const m = new RegExp(`;\\s*${param}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Quoted-printable: soft line breaks (`=` at end of line) vanish, `=XX` is a byte. */
export function decodeQuotedPrintable(input: string): string {
  const joined = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      // QP text is ASCII, but stay correct for anything else (astral characters are two units).
      const ch = String.fromCodePoint(joined.codePointAt(i) ?? 0);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length - 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return part.body;
}

/** RFC 2047 encoded words (=?utf-8?Q?...?= / =?utf-8?B?...?=), as nodemailer writes subjects. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function collect(part: Part, out: { text: string[]; html: string[] }): void {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const mime = type.split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
  if (mime.startsWith('multipart/')) {
    const boundary = headerParam(type, 'boundary');
    if (!boundary) return;
    const sections = part.body.split(`--${boundary}`);
    // sections[0] is the preamble; the last one starts with "--" (the epilogue).
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      collect(splitHeaders(section.replace(/^\r?\n/, '')), out);
    }
    return;
  }
  if (mime === 'text/html') out.html.push(decodeBody(part));
  else if (mime === 'text/plain') out.text.push(decodeBody(part));
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  '#x2F': '/',
};

/**
 * http(s) links in a text. Works on decoded bodies, and also on raw quoted-printable text
 * (soft line breaks and =3D are decoded first when present).
 */
export function extractLinks(input: string): string[] {
  const text = /=\r?\n|=3D/i.test(input) ? decodeQuotedPrintable(input) : input;
  const found = new Set<string>();
  for (const m of text.matchAll(/https?:\/\/[^\s"'<>()]+/g)) {
    const link = m[0]
      .replace(/&(amp|lt|gt|quot|#39|#x27|#x2F);/g, (_e, name: string) => ENTITIES[name] ?? '')
      .replace(/[.,;:!?\]]+$/, '');
    found.add(link);
  }
  return [...found];
}

export function parseMail(raw: string): ParsedMail {
  const root = splitHeaders(raw);
  const bodies = { text: [] as string[], html: [] as string[] };
  collect(root, bodies);
  const text = bodies.text.join('\n');
  const html = bodies.html.join('\n');
  const to = (root.headers.get('to') ?? '')
    .split(',')
    .map((s) => decodeHeader(s).trim())
    .filter(Boolean);
  return {
    headers: root.headers,
    subject: decodeHeader(root.headers.get('subject') ?? ''),
    from: decodeHeader(root.headers.get('from') ?? ''),
    to,
    text,
    html,
    links: extractLinks(`${text}\n${html}`),
  };
}
