/**
 * The text of a PDF made by pdfkit, for assertions on what a printed page says: content streams
 * inflated, each font's glyph codes mapped back through its ToUnicode CMap (pdfkit writes one
 * bfrange array per 256 codes). Streams are cut by their /Length, never by searching for
 * `endstream`/`endobj`: compressed bytes may contain those words.
 */
import { inflateSync } from 'node:zlib';

type PdfObject = { head: string; stream: Buffer | null };

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(raw)) !== null) {
    const bodyStart = match.index + match[0].length;
    const streamAt = raw.indexOf('stream', bodyStart);
    const endAt = raw.indexOf('endobj', bodyStart);
    if (streamAt === -1 || (endAt !== -1 && endAt < streamAt)) {
      objects.set(Number(match[1]), { head: raw.slice(bodyStart, endAt === -1 ? undefined : endAt), stream: null });
      continue;
    }
    const head = raw.slice(bodyStart, streamAt);
    const length = Number(/\/Length (\d+)/.exec(head)?.[1] ?? Number.NaN);
    if (!Number.isFinite(length)) throw new Error(`object ${match[1]}: a stream without a direct /Length`);
    let dataStart = streamAt + 'stream'.length;
    if (raw[dataStart] === '\r') dataStart += 1;
    if (raw[dataStart] === '\n') dataStart += 1;
    let bytes: Buffer = pdf.subarray(dataStart, dataStart + length);
    if (head.includes('/FlateDecode')) bytes = inflateSync(bytes);
    objects.set(Number(match[1]), { head, stream: bytes });
    start.lastIndex = dataStart + length;
  }
  return objects;
}

export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  const cmapOf = (objectNumber: number): string[] => {
    const text = objects.get(objectNumber)?.stream?.toString('latin1') ?? '';
    const entries: string[] = [];
    for (const range of text.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
      const first = parseInt(range[1] ?? '0', 16);
      [...(range[2] ?? '').matchAll(/<([0-9a-f ]+)>/gi)].forEach((entry, index) => {
        entries[first + index] = String.fromCharCode(...(entry[1] ?? '').split(' ').map((hex) => parseInt(hex, 16)));
      });
    }
    return entries;
  };
  const fonts = new Map<string, string[]>();
  for (const { head } of objects.values())
    for (const reference of head.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(reference[2]));
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font?.head ?? '');
      if (toUnicode && reference[1]) fonts.set(reference[1], cmapOf(Number(toUnicode[1])));
    }
  const decode = (hex: string, cmap: string[]) =>
    (hex.match(/.{4}/g) ?? []).map((code) => cmap[parseInt(code, 16)] ?? '').join('');
  let out = '';
  for (const { head, stream } of objects.values()) {
    if (!stream || head.includes('/Length1') || head.includes('/Subtype')) continue;
    const content = stream.toString('latin1');
    if (!content.includes(' Tf')) continue;
    let cmap: string[] = [];
    for (const token of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-f]+)> Tj/gi)) {
      if (token[1]) cmap = fonts.get(token[1]) ?? [];
      else if (token[2] !== undefined)
        out += [...token[2].matchAll(/<([0-9a-f]+)>/gi)].map((part) => decode(part[1] ?? '', cmap)).join('');
      else if (token[3]) out += decode(token[3], cmap);
      out += ' ';
    }
    out += '\n';
  }
  return out;
}
