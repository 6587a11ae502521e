/**
 * Reads the matching settings once at start-up: the defaults of domain/matching/matching-settings.ts,
 * overridden by a JSON file named in RENKEI_MATCHING_SETTINGS (any subset of the keys; see
 * README.md, "Matching"). An invalid file stops the server at start-up with the zod messages.
 */
import { readFileSync } from 'node:fs';
import { ZodError } from 'zod';
import { ConfigError } from '../../platform/config.js';
import {
  defaultMatchingSettings,
  parseMatchingSettings,
  type MatchingSettings,
} from '../../domain/matching/matching-settings.js';

export function loadMatchingSettings(filePath: string | undefined): MatchingSettings {
  if (!filePath) return defaultMatchingSettings;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `RENKEI_MATCHING_SETTINGS: cannot read ${filePath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseMatchingSettings(raw);
  } catch (error) {
    if (error instanceof ZodError) {
      const lines = error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
      throw new ConfigError(`Invalid matching settings in ${filePath}:\n${lines.join('\n')}`);
    }
    throw error;
  }
}
