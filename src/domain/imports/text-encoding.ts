/**
 * Turning the bytes of an import file into text: UTF-8 (with or without BOM) or Shift_JIS
 * (Windows-31J / CP932, what Excel in Japan writes). `auto` takes UTF-8 when the bytes are valid
 * UTF-8 and CP932 otherwise. Pure: the caller reads (and un-gzips) the file.
 */
import iconv from 'iconv-lite';

export const encodingOptions = ['auto', 'utf8', 'sjis'] as const;
export type EncodingOption = (typeof encodingOptions)[number];
export type DetectedEncoding = 'utf8' | 'utf8-bom' | 'sjis';

export const encodingLabels: Record<DetectedEncoding, string> = {
  utf8: 'UTF-8',
  'utf8-bom': 'UTF-8 (BOM付き)',
  sjis: 'Shift_JIS (CP932)',
};

export function isEncodingOption(value: string): value is EncodingOption {
  return (encodingOptions as readonly string[]).includes(value);
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Kinds of files that are recognisably not CSV text, by their first bytes. */
export function sniffContainer(bytes: Uint8Array): 'gzip' | 'zip' | null {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  // ZIP (also .xlsx): "PK\x03\x04".
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return 'zip';
  }
  return null;
}

/** Decodes the file's bytes; the BOM is removed from the text. */
export function decodeText(bytes: Uint8Array, option: EncodingOption): { text: string; encoding: DetectedEncoding } {
  const isBom = hasUtf8Bom(bytes);
  if (option === 'sjis') return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'sjis' };
  if (option === 'utf8' || isBom) {
    const text = new TextDecoder('utf-8').decode(isBom ? bytes.subarray(3) : bytes);
    return { text, encoding: isBom ? 'utf8-bom' : 'utf8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'sjis' };
  }
}
