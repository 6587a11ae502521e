/**
 * The schema of the machine-readable values that accompany a Japanese text the server writes
 * (domain/server-text.ts), so that the OpenAPI document describes them once.
 */
import { z } from 'zod';

export const TextParamsSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()).readonly()]))
  .describe('日本語の文の値（コード・名前・数・日付）。英語などで表示するため。キーは文の種類ごと');
