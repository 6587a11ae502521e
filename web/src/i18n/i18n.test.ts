/** ja.json is the source of every string: en.json has the same keys, and every literal key used exists. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ja from './ja.json';
import en from './en.json';
import { navigationFor } from '../session';
import { roles } from '../codes';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );
}

/** i18next plural forms (`_one`, `_other`) resolve to the same key. */
const baseKeys = (tree: Tree) => new Set(flatten(tree).map((key) => key.replace(/_(one|other)$/, '')));

const sourceRoot = join(import.meta.dirname, '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('translations', () => {
  const jaKeys = baseKeys(ja);
  const enKeys = baseKeys(en);

  it('has the same keys in English as in Japanese', () => {
    expect([...jaKeys].filter((key) => !enKeys.has(key))).toEqual([]);
    expect([...enKeys].filter((key) => !jaKeys.has(key))).toEqual([]);
  });

  it('defines every key the code uses literally', () => {
    const used = sourceFiles(sourceRoot).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)].map((match) => match[1] ?? ''),
    );
    expect(used.length).toBeGreaterThan(100);
    expect([...new Set(used)].filter((key) => !jaKeys.has(key))).toEqual([]);
  });

  it('labels and describes every menu entry', () => {
    for (const role of roles) {
      for (const entry of navigationFor(role)) {
        expect(jaKeys.has(entry.labelKey), entry.labelKey).toBe(true);
        const description = `home.menuDescriptions.${entry.labelKey.replace('nav.', '')}`;
        if (entry.to !== '/') expect(jaKeys.has(description), description).toBe(true);
      }
    }
  });
});
