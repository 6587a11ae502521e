/** Locates files of the project whether running from src/ (tsx) or dist/src/ (compiled). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(directory, 'package.json'))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('package.json of the project not found');
    directory = parent;
  }
}

export const projectRoot = findProjectRoot();

export function projectPath(...parts: string[]): string {
  return path.join(projectRoot, ...parts);
}
