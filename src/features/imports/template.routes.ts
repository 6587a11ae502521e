/**
 * The Renkei import template, public: GET /api/v1/public/templates/renkei-csv-example.csv (the
 * example file to start from) and …/renkei-csv.md (its documentation, docs/renkei-csv.md).
 */
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access } from '../../platform/guard.js';
import { projectPath } from '../../platform/paths.js';

const files = [
  {
    url: '/api/v1/public/templates/renkei-csv-example.csv',
    path: 'data/templates/renkei-csv-example.csv',
    type: 'text/csv; charset=utf-8',
    summary: '取込テンプレート（renkei-csv）の記入例 CSV',
  },
  {
    url: '/api/v1/public/templates/renkei-csv.md',
    path: 'docs/renkei-csv.md',
    type: 'text/markdown; charset=utf-8',
    summary: '取込テンプレート（renkei-csv）の説明（Markdown）',
  },
] as const;

export function templateRoutes(app: FastifyInstance) {
  for (const file of files) {
    const fileName = file.path.split('/').pop() ?? 'download';
    app.get(
      file.url,
      {
        config: { access: access.public },
        schema: {
          tags: ['public'],
          summary: file.summary,
          response: {
            200: { description: fileName, content: { [file.type.split(';')[0] ?? file.type]: { schema: z.string() } } },
          },
        },
      },
      async (_request, reply) => {
        const body = await readFile(projectPath(file.path));
        return reply.type(file.type).header('content-disposition', `attachment; filename="${fileName}"`).send(body);
      },
    );
  }
}
