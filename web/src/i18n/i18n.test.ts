/**
 * ja.json (and each feature namespace ja/<ns>.json) is the source of every string: the English files have the same
 * keys, and every literal key used exists — in the default namespace, or in the namespace the file asks for with
 * useTranslation('<ns>') (which falls back to the default one, i18n/index.ts `fallbackNS`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

const namespaceDirectory = (language: 'ja' | 'en') => join(import.meta.dirname, language);

/** The feature namespaces (i18n/ja/<ns>.json), e.g. `directory`, `public`. */
function namespaces(): string[] {
  return readdirSync(namespaceDirectory('ja'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''));
}

function namespaceKeys(language: 'ja' | 'en', namespace: string): Set<string> {
  const path = join(namespaceDirectory(language), `${namespace}.json`);
  return existsSync(path) ? baseKeys(JSON.parse(readFileSync(path, 'utf8')) as Tree) : new Set();
}

describe('translations', () => {
  const jaKeys = baseKeys(ja);
  const enKeys = baseKeys(en);

  it('has the same keys in English as in Japanese', () => {
    expect([...jaKeys].filter((key) => !enKeys.has(key))).toEqual([]);
    expect([...enKeys].filter((key) => !jaKeys.has(key))).toEqual([]);
  });

  it.each(namespaces())('has the same keys in English as in Japanese in the %s namespace', (namespace) => {
    const jaNamespace = namespaceKeys('ja', namespace);
    const enNamespace = namespaceKeys('en', namespace);
    expect(jaNamespace.size).toBeGreaterThan(0);
    expect([...jaNamespace].filter((key) => !enNamespace.has(key))).toEqual([]);
    expect([...enNamespace].filter((key) => !jaNamespace.has(key))).toEqual([]);
  });

  it('registers every namespace file in i18n/index.ts', () => {
    const index = readFileSync(join(import.meta.dirname, 'index.ts'), 'utf8');
    for (const namespace of namespaces()) {
      expect(index, namespace).toContain(`./ja/${namespace}.json`);
      expect(index, namespace).toContain(`./en/${namespace}.json`);
    }
  });

  it('defines every key the code uses literally', () => {
    const missing: string[] = [];
    let usedCount = 0;
    for (const file of sourceFiles(sourceRoot)) {
      const text = readFileSync(file, 'utf8');
      const fileNamespaces = [...text.matchAll(/useTranslation\(\s*'([a-zA-Z0-9_-]+)'/g)].map(
        (match) => match[1] ?? '',
      );
      const known = fileNamespaces.map((namespace) => namespaceKeys('ja', namespace));
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = match[1] ?? '';
        usedCount += 1;
        if (!jaKeys.has(key) && !known.some((keys) => keys.has(key))) missing.push(`${file}: ${key}`);
      }
    }
    expect(usedCount).toBeGreaterThan(100);
    expect(missing).toEqual([]);
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
