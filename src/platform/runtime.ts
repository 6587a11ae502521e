/**
 * Opening and closing the runtime shared by the server and the CLI: configuration, the data
 * directory lock (PGlite), the secret, the database and its migrations.
 */
import type { Config } from './config.js';
import { lockDataDir, loadOrCreateSecret } from './data-dir.js';
import { createSecretBox, type SecretBox } from './crypto.js';
import { migrate, openDatabase, type Database } from '../db/client.js';

export type Runtime = {
  config: Config;
  database: Database;
  secretBox: SecretBox;
  close(): Promise<void>;
};

export class StartupError extends Error {}

export async function openRuntime(config: Config, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const lock =
    config.database.kind === 'pglite' && config.database.dataDir ? lockDataDir(config.database.dataDir) : null;
  try {
    let secret = config.secret;
    if (!secret) {
      if (config.database.kind === 'postgresql') {
        throw new StartupError(
          'RENKEI_SECRET (32文字以上) を設定してください。RENKEI_SECRET is required with DATABASE_URL.',
        );
      }
      secret = loadOrCreateSecret(config.dataDir);
    }
    const database = await openDatabase(config.database);
    if (options.migrate !== false) await migrate(database);
    let closed = false;
    return {
      config,
      database,
      secretBox: createSecretBox(secret),
      async close() {
        if (closed) return;
        closed = true;
        try {
          await database.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
