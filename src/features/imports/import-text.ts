/**
 * Turning an import file's bytes into text, refusing what would import garbage: archives, binary
 * files, and text that decodes to U+FFFD (the wrong --encoding, or a file garbled before).
 */
import { gunzipSync } from 'node:zlib';
import { ImportFormatError } from '../../domain/imports/import-types.js';
import {
  decodeText,
  encodingLabels,
  sniffContainer,
  type DetectedEncoding,
  type EncodingOption,
} from '../../domain/imports/text-encoding.js';

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the text holds U+FFFD (a character the decoder could not read), and what to do: names would be
 * stored garbled, so the file is refused.
 */
function garbledMessage(
  bytes: Uint8Array,
  option: EncodingOption,
  decoded: { text: string; encoding: DetectedEncoding },
  at: number,
): string {
  const line = decoded.text.slice(0, at).split('\n').length;
  const where = `${line}行目に ${encodingLabels[decoded.encoding]} として読めない文字があります`;
  if (decoded.encoding === 'sjis' && option === 'auto') {
    return `文字コードを判定できません: UTF-8 としても読めず、${where}。UTF-8 か Shift_JIS（CP932）で保存し直してください。`;
  }
  if (decoded.encoding === 'sjis') {
    return `文字コードの誤り: ${where}。UTF-8 のファイルなら --encoding utf8 を指定するか、--encoding を付けずに実行して自動判定させてください。`;
  }
  if (isValidUtf8(bytes)) {
    // The bytes spell U+FFFD themselves: the file was garbled before it reached us.
    return `${line}行目に置換文字（U+FFFD「\ufffd」）があります。このファイルは作られた時点で文字化けしています。元のデータから CSV を作り直してください。`;
  }
  return `文字コードの誤り: ${where}。Shift_JIS（Excel の CSV）のファイルなら --encoding sjis を指定するか、--encoding を付けずに実行して自動判定させてください。`;
}

/**
 * The text of an import file: un-gzipped, decoded, and refused (ImportFormatError, in Japanese)
 * when it is a ZIP, binary, or decodes to replacement characters.
 */
export function readImportText(
  fileBytes: Uint8Array,
  option: EncodingOption,
): { text: string; encoding: string; isCompressed: boolean } {
  let bytes = fileBytes;
  const container = sniffContainer(bytes);
  if (container === 'zip') {
    throw new ImportFormatError(
      'ZIP（または Excel）ファイルはそのまま取り込めません。展開して中の CSV ファイルを指定してください。',
    );
  }
  if (container === 'gzip') {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new ImportFormatError('gzip ファイルを展開できません（ファイルが壊れています）。');
    }
  }
  const decoded = decodeText(bytes, option);
  if (decoded.text.includes('\u0000')) {
    throw new ImportFormatError('CSV テキストではありません（NUL 文字を含むバイナリファイルです）。');
  }
  const garbled = decoded.text.indexOf('\ufffd');
  if (garbled >= 0) throw new ImportFormatError(garbledMessage(bytes, option, decoded, garbled));
  return { text: decoded.text, encoding: encodingLabels[decoded.encoding], isCompressed: container === 'gzip' };
}
