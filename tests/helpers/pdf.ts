// The text of a PDF made by PDFKit, for assertions: each content stream is inflated and the hex
// strings of its TJ operators are read back (standard fonts: WinAnsi, one byte per character).
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streams = /\/FlateDecode[^]*?stream\r?\n([^]*?)\r?\nendstream/g;
  for (const m of raw.matchAll(streams)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return lines;
}
