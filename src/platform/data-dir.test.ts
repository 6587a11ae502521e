import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, loadOrCreateSecret, lockDataDir } from './data-dir.js';

describe('data directory lock', () => {
  let dataDir: string;
  let lockPath: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'renkei-lock-'));
    lockPath = path.join(dataDir, 'renkei.lock');
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A live process other than this one; killed (and reaped) by the returned function. */
  async function otherProcess(): Promise<{ pid: number; stop: () => Promise<void> }> {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('spawn', resolve));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return {
      pid: child.pid!,
      stop: async () => {
        child.kill('SIGKILL');
        await exited;
      },
    };
  }

  it('writes the holder’s pid and removes the file on release (twice is harmless)', () => {
    const lock = lockDataDir(dataDir);
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('creates a missing data directory', () => {
    const nested = path.join(dataDir, 'a', 'b');
    lockDataDir(nested).release();
    expect(statSync(nested).isDirectory()).toBe(true);
  });

  it('refuses a directory locked by a live process, naming the directory and the pid', async () => {
    const holder = await otherProcess();
    try {
      writeFileSync(lockPath, `${holder.pid}\n`);
      let caught: unknown;
      try {
        lockDataDir(dataDir);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DataDirLockedError);
      const message = (caught as Error).message;
      expect(message).toContain(dataDir);
      expect(message).toContain(String(holder.pid));
      expect(message).toMatch(/in use/);
      expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(holder.pid));
    } finally {
      await holder.stop();
    }
  });

  it('takes over the lock of a process that has died', async () => {
    const holder = await otherProcess();
    writeFileSync(lockPath, `${holder.pid}\n`);
    await holder.stop();
    const lock = lockDataDir(dataDir);
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it.each([
    ['an unreadable pid', 'not a pid\n'],
    ['an empty file', ''],
  ])('takes over a lock file with %s', (_label, content) => {
    writeFileSync(lockPath, content);
    const lock = lockDataDir(dataDir);
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});

describe('stored secret', () => {
  it('is created once with mode 0600 and then read back unchanged', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'renkei-secret-'));
    try {
      const first = loadOrCreateSecret(dataDir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(statSync(path.join(dataDir, 'secret')).mode & 0o777).toBe(0o600);
      expect(loadOrCreateSecret(dataDir)).toBe(first);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
