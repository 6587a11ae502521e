/** The public exchange routes: HSDS 3.0, FHIR R4 and the import template downloads (one registration in server.ts). */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { templateRoutes } from '../imports/template.routes.js';
import { createExportService } from './export.service.js';
import { fhirRoutes } from './fhir.routes.js';
import { registerFhirErrorShape, registerFhirFormatCheck } from './fhir-capability.js';
import { hsdsRoutes } from './hsds.routes.js';

export function exportRoutes(app: FastifyInstance, deps: AppDeps) {
  const service = createExportService({
    database: deps.database,
    clock: deps.clock,
    staleAfterDays: deps.config.staleAvailabilityDays,
  });
  hsdsRoutes(app, service);
  fhirRoutes(app, service, deps.clock);
  registerFhirErrorShape(app);
  registerFhirFormatCheck(app);
  templateRoutes(app);
}
