/**
 * `runDueJobs` runs every due job of its database. On PostgreSQL the API test files share one database, so a file that
 * moves its clock forward and runs the jobs would run other files' jobs too (a direct case of another file handed to
 * the Center by its hand-on job, a referral expired under another file's feet). Each such file takes a database of
 * its own (`startTestApp({ isolated: true })`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function intTestFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.int.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('API test files that run the due jobs', () => {
  it('each have a database of their own on PostgreSQL', () => {
    const files = [...intTestFiles('src'), ...intTestFiles('test')];
    const runningJobs = files.filter((file) => readFileSync(file, 'utf8').includes('runDueJobs('));
    expect(runningJobs.length).toBeGreaterThan(0);
    const shared = runningJobs.filter((file) => !readFileSync(file, 'utf8').includes('isolated: true'));
    expect(shared).toEqual([]);
  });
});
