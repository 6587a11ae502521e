/**
 * Global set-up of the e2e project: seeds one demo data directory for the whole run (a first `npm run demo`,
 * stopped cleanly) so that every spec's server starts on a copy of it instead of seeding again.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServerOn } from './server.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'renkei-e2e-template-'));
  const server = await startServerOn(dataDir);
  await server.stop();
  // A clean shutdown releases the directory's lock; without one the copy could not be trusted, so every
  // spec then seeds its own (slower, same result).
  const clean = !existsSync(join(dataDir, 'renkei.lock'));
  if (!clean)
    console.warn(`e2e: the demo template in ${dataDir} was not shut down cleanly; each server seeds its own.`);
  project.provide('e2eDemoTemplateDir', clean ? dataDir : '');
  return async () => {
    await rm(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eDemoTemplateDir: string;
  }
}
