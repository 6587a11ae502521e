/**
 * The Japanese of every validation issue zod reports without a message of the schema's own: what an API
 * client reads in `details[].message` (CONTRACT §2). zod's own Japanese locale says 「無効な入力:
 * stringが期待されましたが、undefinedが入力されました」 — internal type names, not words for a person
 * filling a form. A schema's own message (z.uuid('…'), a refine's) still takes precedence.
 */
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const typeWords: Record<string, string> = {
  string: '文字列',
  number: '数値',
  int: '整数',
  bigint: '整数',
  boolean: 'true か false',
  array: '配列',
  object: 'オブジェクト',
  date: '日付',
  nan: '数値',
};

const formatMessages: Record<string, string> = {
  email: 'メールアドレスの形式が正しくありません。',
  url: 'URL の形式が正しくありません（http:// または https:// から）。',
  uuid: 'ID の形式（UUID）が正しくありません。',
  guid: 'ID の形式（UUID）が正しくありません。',
  date: '日付は YYYY-MM-DD の形式（例: 2026-04-01）で指定してください。',
  datetime: '日時は時差つきの ISO 8601 形式（例: 2026-04-01T09:00:00+09:00）で指定してください。',
  time: '時刻は HH:MM の形式（例: 09:30）で指定してください。',
  duration: '期間は ISO 8601 の形式（例: P1D）で指定してください。',
  regex: '形式が正しくありません。',
};

/** A value as it is written in a message: strings quoted, the rest as JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' ? `「${value}」` : (JSON.stringify(value) ?? String(value));
}

function bound(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const maximum = bound(issue.maximum);
  const isInclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      return `${maximum}文字以内で入力してください。`;
    case 'array':
    case 'set':
    case 'map':
      return `${maximum}個以内で指定してください。`;
    case 'date':
      return isInclusive ? `${maximum} 以前の日時を指定してください。` : `${maximum} より前の日時を指定してください。`;
    case 'file':
      return `${maximum}バイト以下にしてください。`;
    case 'number':
    case 'int':
    case 'bigint':
    default:
      return isInclusive ? `${maximum}以下の値を指定してください。` : `${maximum}未満の値を指定してください。`;
  }
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const minimum = bound(issue.minimum);
  const isInclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      return Number(issue.minimum) <= 1
        ? '入力してください（空欄にはできません）。'
        : `${minimum}文字以上で入力してください。`;
    case 'array':
    case 'set':
    case 'map':
      return Number(issue.minimum) <= 1 ? '1つ以上指定してください。' : `${minimum}個以上指定してください。`;
    case 'date':
      return isInclusive ? `${minimum} 以降の日時を指定してください。` : `${minimum} より後の日時を指定してください。`;
    case 'file':
      return `${minimum}バイト以上にしてください。`;
    case 'number':
    case 'int':
    case 'bigint':
    default:
      return isInclusive ? `${minimum}以上の値を指定してください。` : `${minimum}より大きい値を指定してください。`;
  }
}

/** The message of one issue (zod's `localeError`); every issue kind has one. */
export function japaneseIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '必須の項目です。';
      const word = typeWords[issue.expected];
      if (issue.input === null)
        return word ? `null は指定できません。${word}で指定してください。` : 'null は指定できません。';
      return word ? `${word}で指定してください。` : '値の種類が正しくありません。';
    }
    case 'too_big':
      return tooBig(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `${shown(issue.values[0])} を指定してください。`
        : `次のいずれかを指定してください: ${issue.values.map((value) => String(value)).join('、')}`;
    case 'invalid_format': {
      if (issue.format === 'starts_with' && 'prefix' in issue) return `「${String(issue.prefix)}」で始めてください。`;
      if (issue.format === 'ends_with' && 'suffix' in issue) return `「${String(issue.suffix)}」で終えてください。`;
      if (issue.format === 'includes' && 'includes' in issue) return `「${String(issue.includes)}」を含めてください。`;
      return formatMessages[issue.format] ?? '形式が正しくありません。';
    }
    case 'not_multiple_of':
      return `${bound(issue.divisor)}の倍数を指定してください。`;
    case 'unrecognized_keys':
      return `指定できない項目です: ${issue.keys.join('、')}`;
    case 'invalid_union':
      return '指定できる形の値ではありません。';
    case 'invalid_key':
      return 'キーが正しくありません。';
    case 'invalid_element':
      return '要素の値が正しくありません。';
    case 'custom':
    default:
      return '入力内容が正しくありません。';
  }
}

/** Makes these the messages of every zod schema of the process (set once, where the server is built). */
export function setJapaneseZodMessages(): void {
  z.config({ localeError: japaneseIssueMessage });
}
