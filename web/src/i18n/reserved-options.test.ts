/**
 * No translation interpolates a value under a name i18next reads as an option of its own: `t(key, { lng })` says the
 * text in the language named `lng` (a longitude such as "133.8288" is no language, so the Japanese fallback was
 * shown on English pages: 「北緯 34.5320・東経 133.8288」).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const reserved = ['lng', 'lngs', 'ns', 'fallbackLng', 'defaultValue', 'context', 'keySeparator', 'nsSeparator'];

function jsonFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

describe('translations', () => {
  it('interpolate no value named like an i18next option', () => {
    const found: string[] = [];
    for (const file of jsonFiles(import.meta.dirname)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\{\{\s*(\w+)\s*[,}]/g)) {
        if (reserved.includes(match[1] ?? '')) found.push(`${file}: ${match[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
