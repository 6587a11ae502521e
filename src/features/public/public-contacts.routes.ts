/** GET /api/v1/public/contacts — the consultation desks for citizens (public-contacts.service.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { PublicContactsResponse } from './public-contacts.schema.js';
import { createPublicContactsService } from './public-contacts.service.js';

export function publicContactsRoutes(app: FastifyInstance, deps: AppDeps) {
  const contacts = createPublicContactsService(deps);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/public/contacts',
    {
      config: { access: access.public },
      schema: {
        tags: ['public'],
        summary: '市民向けの相談先（地域ケア総合推進センター・地域包括支援センター）',
        response: { 200: PublicContactsResponse },
      },
    },
    async () => contacts.list(),
  );
}
